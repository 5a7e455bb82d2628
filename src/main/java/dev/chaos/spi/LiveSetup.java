package dev.chaos.spi;

/**
 * A {@link DriverSetup} for a real run: the driver's section is its key in the chosen
 * environment of `chaos.yaml`.
 */
public interface LiveSetup extends DriverSetup {
  /** The chosen environment's name. */
  String environment();

  /**
   * The error for a driver whose section is missing, worded as for every driver: "environment
   * `lab` has no `redis` section (add `environments.lab.redis`)". Throw it from the binder, so
   * that only the calls that need the section fail.
   */
  Exception missingSection();

  /**
   * The secret that the reference {@code field} names (`env:NAME` or `file:PATH`, relative
   * to the config file); read now, so call it from the binder. The secret itself may never be
   * written in the file.
   */
  String secret(dev.chaos.spi.yaml.YamlSection.Field field) throws Exception;
}
