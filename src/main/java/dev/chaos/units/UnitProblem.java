package dev.chaos.units;

/** Why a text is refused, for callers that report each reason in their own way (a code). */
public enum UnitProblem {
  /** Not the shape of the value at all: `5 seconds`, `10min`. */
  MALFORMED,
  /** A compound duration whose units are not largest first, each once: `30s1m`, `1m1m`. */
  UNIT_ORDER,
  /** A number without its unit where one is needed: `5`. */
  NO_UNIT,
  /** A sign where none is allowed: `-5s`. */
  SIGNED,
  /** Zero or less where only more is allowed: `0s` as a timeout. */
  NOT_ABOVE_ZERO,
  /** Beyond what the value can hold: a duration longer than about 292 years. */
  TOO_LARGE
}
