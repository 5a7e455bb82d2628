package dev.chaos.drivers.kube;

/**
 * A mutation the runbook's `blast_radius` does not allow, refused before it writes anything;
 * the message names the figures (how many of how many, the share, the cap).
 */
public class BlastRefused extends RuntimeException {
  public BlastRefused(String message) {
    super(message);
  }
}
