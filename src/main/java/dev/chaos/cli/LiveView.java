package dev.chaos.cli;

import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.RunListener;
import dev.chaos.types.ValueFormat;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The run on a terminal: the lines of {@link PlainView} scroll by, and below them a status block
 * is redrawn in place: the phase and step, the countdown of the current wait or `wait until`,
 * and the last value and state of each guard. A real-time ticker redraws the block every half
 * second, so a countdown moves while nothing else happens.
 */
final class LiveView implements RunListener, AutoCloseable {
  private static final long MIN_REDRAW_NANOS = 50_000_000L;

  private final PrintWriter out;
  private final EventText text;
  private final Supplier<Instant> now;
  private final int width;
  private final Thread ticker;
  private final Map<String, String> guards = new LinkedHashMap<>();
  private Instant start;
  private String phase = "starting";
  private String step;
  private String waiting;
  private Instant waitUntil;
  private int shown;
  private long lastDraw;
  private boolean closed;

  LiveView(PrintWriter out, boolean verbose, Supplier<Instant> now, int width) {
    this.out = out;
    this.text = new EventText(verbose);
    this.now = now;
    this.width = Math.max(40, width);
    this.ticker = new Thread(this::tick, "live view");
    this.ticker.setDaemon(true);
    this.ticker.start();
  }

  @Override
  public synchronized void on(RunEvent e) {
    if (closed) {
      return;
    }
    track(e);
    String line = text.line(e);
    if (line == null && System.nanoTime() - lastDraw < MIN_REDRAW_NANOS) {
      return;
    }
    redraw(line == null ? null : EventText.stamp(e.time(), start) + " " + line);
  }

  private void track(RunEvent e) {
    switch (e.type()) {
      case RUN_STARTED -> start = e.time();
      case PHASE -> {
        phase = ((RunEvent.PhaseEntered) e).phase().label();
        waiting = null;
      }
      case STEP_STARTED -> step = ((RunEvent.StepStarted) e).step();
      case STEP_FINISHED -> {
        step = null;
        waiting = null;
      }
      case WAIT -> {
        RunEvent.Wait w = (RunEvent.Wait) e;
        waiting = ValueFormat.duration(w.duration());
        waitUntil = w.until();
      }
      case WAIT_UNTIL -> {
        RunEvent.WaitUntil w = (RunEvent.WaitUntil) e;
        waiting = "until " + w.condition();
        waitUntil = w.until();
      }
      case SAMPLE -> {
        RunEvent.ProbeSampled s = (RunEvent.ProbeSampled) e;
        if (s.kind().equals("guard")) {
          String seen = s.message() != null ? s.message() : s.detail();
          guards.put(s.name(), s.outcome().label() + (seen == null ? "" : "  " + seen));
        }
      }
      case LET, CHECK, CALL, CALL_RESULT, PREVIEW, LOG, RECORD, UNDO_REGISTERED, UNDO_STARTED,
          UNDO_FINISHED, ABORT, RECOVERY, RUN_FINISHED, UNDO_RECIPE, LOCK_TAKEN, RUN_SOURCE,
          UNDO_SCOPE -> { }
    }
  }

  /** Prints {@code line} (if any) above the status block and draws the block again. */
  private void redraw(String line) {
    StringBuilder s = new StringBuilder();
    if (shown > 0) {
      s.append("\033[").append(shown).append('F');
    }
    s.append("\033[J");
    if (line != null) {
      s.append(line).append('\n');
    }
    List<String> block = block();
    block.forEach(b -> s.append(fit(b)).append('\n'));
    shown = block.size();
    out.print(s);
    out.flush();
    lastDraw = System.nanoTime();
  }

  private List<String> block() {
    List<String> lines = new ArrayList<>();
    Instant t = now.get();
    String since = start == null ? "" : " | +" + ValueFormat.duration(
        Duration.between(start, t).withNanos(0));
    lines.add("> " + phase + (step == null ? "" : " | step \"" + step + "\"") + since);
    if (waiting != null && waitUntil != null) {
      Duration left = Duration.between(t, waitUntil);
      lines.add("  wait " + waiting + " | " + (left.isNegative() ? "0s"
          : ValueFormat.duration(left.withNanos(0))) + " left");
    }
    guards.forEach((name, state) -> lines.add("  guard \"" + name + "\": " + state));
    return lines;
  }

  private String fit(String line) {
    return line.length() < width ? line : line.substring(0, width - 4) + "...";
  }

  private void tick() {
    try {
      while (true) {
        Thread.sleep(500);
        synchronized (this) {
          if (closed) {
            return;
          }
          redraw(null);
        }
      }
    } catch (InterruptedException stopped) {
      // closed
    }
  }

  /** Stops the ticker and leaves the last status block on the screen. */
  @Override
  public synchronized void close() {
    if (!closed) {
      redraw(null);
      closed = true;
      ticker.interrupt();
    }
  }
}
