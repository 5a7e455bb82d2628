package dev.chaos.units;

/**
 * What a percentage text may be besides `NUMBER %` (`30%`, `0.1%`), which every reader accepts.
 *
 * @param bareRatio a number without `%` is a ratio (`0.3` is 30%), for the shares of a world
 *     file, which Prometheus recording rules also give as ratios
 * @param signed a leading `+` or `-` is allowed, for a change (`+0.2%`)
 */
public record PercentSyntax(boolean bareRatio, boolean signed) {
  /** The form of runbook literals. */
  public static final PercentSyntax STRICT = new PercentSyntax(false, false);

  /** A share in a world file: `30%` or `0.3`. */
  public static final PercentSyntax SHARE = new PercentSyntax(true, false);

  /** A share or a change of one, for a series value in a world file: `0.4%`, `+0.2%`. */
  public static final PercentSyntax SHARE_OR_CHANGE = new PercentSyntax(true, true);
}
