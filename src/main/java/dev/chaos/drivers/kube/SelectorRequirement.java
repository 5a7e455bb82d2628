package dev.chaos.drivers.kube;

import java.util.List;
import java.util.Map;

/**
 * One requirement of a label selector: a key, an operator and its values (one for `=`, `!=`,
 * `>` and `<`; one or more for `in` and `notin`; none for exists and `!`).
 */
public record SelectorRequirement(String key, SelectorOperator operator, List<String> values) {
  public SelectorRequirement {
    values = List.copyOf(values);
  }

  /** Whether an object with these labels meets the requirement, as the API server decides. */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.get(key);
    return switch (operator) {
      case EQUALS, DOUBLE_EQUALS, IN -> actual != null && values.contains(actual);
      case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
      case EXISTS -> actual != null;
      case DOES_NOT_EXIST -> actual == null;
      case GREATER_THAN, LESS_THAN -> compares(actual);
    };
  }

  /** `>` and `<` hold only for a label whose value is a whole number, as on the server. */
  private boolean compares(String actual) {
    if (actual == null) {
      return false;
    }
    long have;
    try {
      have = Long.parseLong(actual);
    } catch (NumberFormatException notANumber) {
      return false;
    }
    long bound = Long.parseLong(values.get(0));
    return operator == SelectorOperator.GREATER_THAN ? have > bound : have < bound;
  }

  /** The requirement as kubectl writes it: `env in (a,b)`, `!canary`, `tier=backend`. */
  @Override
  public String toString() {
    return switch (operator) {
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
      case IN, NOT_IN -> key + " " + operator.symbol() + " (" + String.join(",", values) + ")";
      default -> key + operator.symbol() + values.get(0);
    };
  }
}
