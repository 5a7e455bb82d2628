package dev.chaos.drivers.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector as kubectl takes it: `tier=backend,app!=db`, `app==api`, `canary`
 * (the label exists), `!canary` (it does not). The empty selector selects everything.
 */
final class LabelSelector {
  private record Term(String key, String op, String value) {}

  private final List<Term> terms;
  private final String text;

  private LabelSelector(String text, List<Term> terms) {
    this.text = text;
    this.terms = terms;
  }

  static LabelSelector parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String raw : text.split(",")) {
      String part = raw.trim();
      if (part.isEmpty()) {
        continue;
      }
      int ne = part.indexOf("!=");
      int eqeq = part.indexOf("==");
      int eq = part.indexOf('=');
      if (ne > 0) {
        terms.add(new Term(part.substring(0, ne).trim(), "!=", part.substring(ne + 2).trim()));
      } else if (eqeq > 0) {
        terms.add(new Term(part.substring(0, eqeq).trim(), "=", part.substring(eqeq + 2).trim()));
      } else if (eq > 0) {
        terms.add(new Term(part.substring(0, eq).trim(), "=", part.substring(eq + 1).trim()));
      } else if (part.startsWith("!")) {
        terms.add(new Term(part.substring(1).trim(), "!", ""));
      } else if (part.matches("[A-Za-z0-9./_-]+")) {
        terms.add(new Term(part, "exists", ""));
      } else {
        throw new SandboxException("unable to parse label selector `" + text + "` at `" + part
            + "`");
      }
    }
    return new LabelSelector(text, List.copyOf(terms));
  }

  /** The selector of a `matchLabels` map. */
  static LabelSelector of(Map<String, String> labels) {
    List<Term> terms = new ArrayList<>();
    labels.forEach((k, v) -> terms.add(new Term(k, "=", v)));
    return new LabelSelector(String.join(",", terms.stream().map(t -> t.key + "=" + t.value)
        .toList()), List.copyOf(terms));
  }

  boolean matches(Map<String, String> labels) {
    for (Term t : terms) {
      String actual = labels.get(t.key);
      boolean ok = switch (t.op) {
        case "=" -> t.value.equals(actual);
        case "!=" -> !t.value.equals(actual);
        case "!" -> actual == null;
        default -> actual != null;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  boolean isEmpty() {
    return terms.isEmpty();
  }

  @Override
  public String toString() {
    return text;
  }
}
