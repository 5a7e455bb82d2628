package dev.chaos.drivers.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector, parsed once by {@link SelectorParser} for the sandbox, the live
 * driver and the checker alike: `tier=backend,app!=db`, `app==api`, `canary` (the label exists),
 * `!canary` (it does not), `env in (a,b)`, `env notin (c)`, `replicas>2`. The empty selector
 * selects everything.
 *
 * <p>{@link #text} is the selector as written (messages and previews quote it); the
 * requirements are what it means.
 */
public record LabelSelector(String text, List<SelectorRequirement> requirements) {
  public LabelSelector {
    requirements = List.copyOf(requirements);
  }

  /**
   * The selector {@code text} means; null or blank is the empty selector.
   *
   * @throws KubeRuleException one line naming the selector and the column where it goes wrong
   */
  public static LabelSelector parse(String text) {
    String written = text == null ? "" : text;
    return new LabelSelector(written, new SelectorParser(written).requirements());
  }

  /** Why {@code text} is not a label selector, on one line; null when it is one. */
  public static String problem(String text) {
    try {
      parse(text);
      return null;
    } catch (KubeRuleException e) {
      return e.getMessage();
    }
  }

  /** The selector of a `matchLabels` map: every label equal. */
  public static LabelSelector matchLabels(Map<String, String> labels) {
    List<SelectorRequirement> requirements = new ArrayList<>();
    labels.forEach((k, v) -> requirements.add(
        new SelectorRequirement(k, SelectorOperator.EQUALS, List.of(v))));
    return new LabelSelector(String.join(",", requirements.stream()
        .map(SelectorRequirement::toString).toList()), requirements);
  }

  /** Whether an object with these labels is selected: it meets every requirement. */
  public boolean matches(Map<String, String> labels) {
    for (SelectorRequirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /**
   * The `key=value` requirements, which every API server filters by (fabric8's mock server,
   * which the lab uses, ignores set-based terms): the live driver sends these and then checks
   * every requirement with {@link #matches}, so a real API and the mock give the same answer.
   */
  public Map<String, String> equalities() {
    Map<String, String> out = new LinkedHashMap<>();
    for (SelectorRequirement r : requirements) {
      if (r.operator() == SelectorOperator.EQUALS
          || r.operator() == SelectorOperator.DOUBLE_EQUALS) {
        out.put(r.key(), r.values().get(0));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return text;
  }
}
