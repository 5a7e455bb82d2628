package dev.chaos.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a mutating call would do, said by its driver in a dry run instead of doing it.
 * {@code action} is the change in words ("kill 2 of the 5 pods labelled `tier=backend` in
 * namespace shop"); {@code targets} are what it would touch, resolved by reading the world (pod
 * names, `podchaos/pod-kill in namespace chaos-testing`, redis keys); {@code share} is how many
 * of how many candidates it would hit and the runbook's blast-radius verdict on that, null for a
 * call that does not pick from a set; {@code undo} is the automatic inverse it would register,
 * worded as the real call registers it, empty when it registers none.
 */
public record Preview(String action, List<String> targets, Share share, String undo) {
  public Preview {
    Objects.requireNonNull(action, "action");
    targets = List.copyOf(targets);
    undo = undo == null ? "" : undo;
  }

  /** {@code count} of {@code of} candidates; {@code verdict} is the blast-radius ruling. */
  public record Share(int count, int of, String verdict) {}

  /** A change with no resolved targets yet, no share and no undo. */
  public static Preview of(String action) {
    return new Preview(action, List.of(), null, "");
  }

  public Preview withTargets(List<String> resolved) {
    return new Preview(action, resolved, share, undo);
  }

  /** As {@link #withTargets(List)}, for a call that touches one thing. */
  public Preview withTarget(String resolved) {
    return withTargets(List.of(resolved));
  }

  public Preview withShare(int count, int of, String verdict) {
    return new Preview(action, targets, new Share(count, of, verdict), undo);
  }

  public Preview withUndo(String description) {
    return new Preview(action, targets, share, description);
  }
}
