package dev.chaos.diag;

import dev.chaos.source.Span;

/**
 * A second place a diagnostic points at, as rustc's secondary labels do: the first definition
 * of a name defined twice ("first defined here"). Shown beside the primary span, underlined
 * with `-` rather than `^`.
 */
public record Related(Span span, String label) {
  public Related {
    label = label == null ? "" : label;
  }
}
