package dev.chaos.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * Burns CPU in the demo service for a StressChaos: each worker thread spins for {@code load}%
 * of every 100 ms and sleeps the rest, as stress-ng's `--cpu-load` does. At most
 * {@link #MAX_WORKERS} threads (the lab machine is shared); {@code set(0, 0)} stops them all.
 */
final class CpuBurner {
  static final int MAX_WORKERS = 2;
  private static final long PERIOD_NANOS = 100_000_000L;

  private final List<Thread> threads = new ArrayList<>();
  private volatile int load;

  synchronized void set(int workers, int newLoad) {
    load = newLoad;
    int wanted = newLoad <= 0 ? 0 : Math.min(workers, MAX_WORKERS);
    while (threads.size() > wanted) {
      threads.remove(threads.size() - 1).interrupt();
    }
    while (threads.size() < wanted) {
      Thread t = new Thread(this::spin, "demo-cpu-burn-" + threads.size());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void spin() {
    long sink = 0;
    while (!Thread.currentThread().isInterrupted()) {
      long start = System.nanoTime();
      long busy = PERIOD_NANOS * load / 100;
      while (System.nanoTime() - start < busy) {
        sink += sink * 31 + 7; // work the JIT cannot drop: sink is read below
      }
      try {
        Thread.sleep(Math.max(0, (PERIOD_NANOS - (System.nanoTime() - start)) / 1_000_000));
      } catch (InterruptedException e) {
        break;
      }
    }
    if (sink == 42) {
      System.out.print("");
    }
  }
}
