package dev.chaos.drivers.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A label selector as kubectl takes it: `tier=backend,app!=db`, `app==api`, `canary` (the label
 * exists), `!canary` (it does not), `env in (a,b)`, `env notin (c)`. Only its equality terms
 * are sent to the server ({@link #equalities()}); every term is then checked here
 * ({@link #matches}), so the answer is the same on a real API and on the lab's mock API, which
 * ignores the other terms.
 */
public final class LabelQuery {
  private record Term(String key, String op, Set<String> values) {}

  private final List<Term> terms;

  private LabelQuery(List<Term> terms) {
    this.terms = terms;
  }

  /** @throws IllegalArgumentException naming the part it cannot read */
  public static LabelQuery parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String raw : split(text == null ? "" : text)) {
      String part = raw.trim();
      if (part.isEmpty()) {
        continue;
      }
      String[] words = part.split("\\s+", 3);
      if (words.length >= 2 && (words[1].equals("in") || words[1].equals("notin"))) {
        String list = part.substring(part.indexOf(words[1]) + words[1].length()).trim();
        if (!list.startsWith("(") || !list.endsWith(")")) {
          throw unreadable(text, part);
        }
        Set<String> values = new java.util.LinkedHashSet<>();
        for (String v : list.substring(1, list.length() - 1).split(",")) {
          if (!v.isBlank()) {
            values.add(v.trim());
          }
        }
        terms.add(new Term(words[0], words[1], values));
        continue;
      }
      int ne = part.indexOf("!=");
      int eqeq = part.indexOf("==");
      int eq = part.indexOf('=');
      if (ne > 0) {
        terms.add(new Term(part.substring(0, ne).trim(), "!=",
            Set.of(part.substring(ne + 2).trim())));
      } else if (eqeq > 0) {
        terms.add(new Term(part.substring(0, eqeq).trim(), "=",
            Set.of(part.substring(eqeq + 2).trim())));
      } else if (eq > 0) {
        terms.add(new Term(part.substring(0, eq).trim(), "=",
            Set.of(part.substring(eq + 1).trim())));
      } else if (part.startsWith("!") && part.substring(1).trim().matches("[A-Za-z0-9./_-]+")) {
        terms.add(new Term(part.substring(1).trim(), "!", Set.of()));
      } else if (part.matches("[A-Za-z0-9./_-]+")) {
        terms.add(new Term(part, "exists", Set.of()));
      } else {
        throw unreadable(text, part);
      }
    }
    return new LabelQuery(List.copyOf(terms));
  }

  private static IllegalArgumentException unreadable(String text, String part) {
    return new IllegalArgumentException("unable to parse label selector `" + text + "` at `"
        + part + "`");
  }

  /** Splits on the commas outside parentheses. */
  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** The `key=value` terms, which every API server filters by. */
  public Map<String, String> equalities() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Term t : terms) {
      if (t.op.equals("=")) {
        out.put(t.key, t.values.iterator().next());
      }
    }
    return out;
  }

  public boolean matches(Map<String, String> labels) {
    for (Term t : terms) {
      String actual = labels.get(t.key);
      boolean ok = switch (t.op) {
        case "=", "in" -> actual != null && t.values.contains(actual);
        case "!=", "notin" -> actual == null || !t.values.contains(actual);
        case "!" -> actual == null;
        default -> actual != null;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
