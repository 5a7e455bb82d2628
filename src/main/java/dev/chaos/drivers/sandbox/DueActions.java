package dev.chaos.drivers.sandbox;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * What a cluster is to do later (a Workflow's later steps, a Schedule's runs), by instant; two
 * things due at one instant happen in the order they were asked for.
 */
final class DueActions {
  /** Something to do at an instant; {@code order} keeps the order it was asked in. */
  private record Due(Instant at, long order, Consumer<Instant> action) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  private final PriorityQueue<Due> due = new PriorityQueue<>();
  private long order;

  /** Does {@code action} at {@code at} (now at the latest), in the order asked. */
  void at(Instant at, Consumer<Instant> action) {
    due.add(new Due(at, order++, action));
  }

  /** Does what is due up to {@code upTo}, each at its own instant. */
  void runUpTo(Instant upTo) {
    while (!due.isEmpty() && !due.peek().at().isAfter(upTo)) {
      Due next = due.poll();
      next.action().accept(next.at());
    }
  }
}
