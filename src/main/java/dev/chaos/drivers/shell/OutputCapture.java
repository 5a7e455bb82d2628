package dev.chaos.drivers.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One output stream of a process, drained on a thread of its own so that a chatty process never
 * blocks on a full pipe (and so that stdout and stderr cannot deadlock each other). The first
 * {@code limit} bytes are kept; the rest is read, counted and dropped.
 */
final class OutputCapture {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final int limit;
  private final Runnable onEnd;
  private long total;
  private boolean ended;

  private OutputCapture(int limit, Runnable onEnd) {
    this.limit = limit;
    this.onEnd = onEnd;
  }

  /**
   * Starts draining {@code in} on a daemon thread named {@code name}; {@code onEnd} runs when
   * the stream ends (every writer, children included, has closed it).
   */
  static OutputCapture start(InputStream in, int limit, String name, Runnable onEnd) {
    OutputCapture capture = new OutputCapture(limit, onEnd);
    Thread reader = new Thread(() -> capture.drain(in), name);
    reader.setDaemon(true);
    reader.start();
    return capture;
  }

  private void drain(InputStream in) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (this) {
          int keep = (int) Math.max(0, Math.min(n, limit - total));
          kept.write(buffer, 0, keep);
          total += n;
        }
      }
    } catch (IOException closed) {
      // the process was killed or the stream closed under us: what was read is what there is
    } finally {
      synchronized (this) {
        ended = true;
      }
      onEnd.run();
    }
  }

  synchronized boolean ended() {
    return ended;
  }

  /** What was kept so far, as UTF-8 (a cut may split a character: its bytes are replaced). */
  synchronized String text() {
    return kept.toString(StandardCharsets.UTF_8);
  }

  /** Every byte read so far, kept or not. */
  synchronized long total() {
    return total;
  }

  synchronized boolean truncated() {
    return total > limit;
  }
}
