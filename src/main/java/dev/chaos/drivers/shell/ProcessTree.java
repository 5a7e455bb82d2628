package dev.chaos.drivers.shell;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A process and every process it started, as far as they have been seen. A child whose parent
 * has exited is re-parented to init and no longer among the descendants, so the descendants
 * are recorded while the tree is alive ({@link #look}) and killed from that record as well.
 */
final class ProcessTree {
  private final Process root;
  private final Set<ProcessHandle> seen = new LinkedHashSet<>();

  ProcessTree(Process root) {
    this.root = root;
  }

  /** Records the descendants alive now. */
  void look() {
    if (root.isAlive()) {
      root.descendants().forEach(seen::add);
    }
  }

  /**
   * Kills (SIGKILL) the process and every descendant seen or alive now, and says how many
   * descendants were still alive to kill. A kill cannot be refused, so the deadline holds.
   */
  int killAll() {
    look();
    int descendants = 0;
    // the descendants first: once the root is gone its children can no longer be found
    for (ProcessHandle child : seen) {
      if (child.isAlive() && child.destroyForcibly()) {
        descendants++;
      }
    }
    root.destroyForcibly();
    return descendants;
  }
}
