package dev.chaos.spi;

/**
 * A rule a driver's table sets on a String parameter (a label selector, a resource kind). The
 * checker applies it to a constant argument (CH0308) and the driver's bindings to every value
 * at run time, with the same words: a constant the driver would refuse is reported before the
 * run, and the checker needs to know nothing of the driver's domain.
 */
@FunctionalInterface
public interface ArgumentRule {
  /** Why the driver refuses {@code text}, on one line; null when it accepts it. */
  String problem(String text);
}
