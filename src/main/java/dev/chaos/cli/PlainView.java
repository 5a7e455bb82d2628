package dev.chaos.cli;

import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.RunListener;
import java.io.PrintWriter;
import java.time.Instant;

/** The run as plain timestamped lines, for logs and pipelines (stdout is not a terminal). */
final class PlainView implements RunListener {
  private final PrintWriter out;
  private final EventText text;
  private Instant start;

  PlainView(PrintWriter out, boolean verbose) {
    this.out = out;
    this.text = new EventText(verbose);
  }

  @Override
  public synchronized void on(RunEvent event) {
    if (event.type() == RunEvent.Type.RUN_STARTED) {
      start = event.time();
    }
    String line = text.line(event);
    if (line != null) {
      out.println(EventText.stamp(event.time(), start) + " " + line);
      out.flush();
    }
  }
}
