package dev.chaos.units;

/**
 * What a duration text may be besides the one form every reader accepts: `NUMBER UNIT` parts,
 * units largest first, each at most once (`500ms`, `1.5s`, `1h30m`). Everything else is an
 * explicit choice of the caller, so that no reader grows a dialect of its own.
 *
 * @param bareSeconds a number without a unit is seconds (`0.25`), for a value in the unit of a
 *     series; elsewhere it is refused, since `5` could mean 5s as well as 5ms
 * @param signed a leading `+` or `-` is allowed, for a change (`-250ms`)
 * @param aboveZero zero (and less) is refused, for a timeout or an interval
 */
public record DurationSyntax(boolean bareSeconds, boolean signed, boolean aboveZero) {
  /** The form of runbook literals, `chaos.yaml` and the duration keys of a world file. */
  public static final DurationSyntax STRICT = new DurationSyntax(false, false, false);

  /** As {@link #STRICT}, but only more than zero: timeouts, intervals, ticks. */
  public static final DurationSyntax POSITIVE = new DurationSyntax(false, false, true);

  /** A value in seconds that may be a change: `180ms`, `0.18`, `+250ms`. */
  public static final DurationSyntax SECONDS_VALUE = new DurationSyntax(true, true, false);
}
