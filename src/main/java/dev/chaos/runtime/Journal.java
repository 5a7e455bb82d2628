package dev.chaos.runtime;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.chaos.types.JsonTree;

/**
 * The run's journal: one JSON object per line and per event, written and flushed as it happens,
 * so that a run that dies leaves everything up to its last event, undo registrations included.
 * The first line names the format and its version; each line after it is one {@link RunEvent}
 * in the encoding of {@link JournalCodec} (docs/journal.md), which {@link JournalReader} reads
 * back. A journal that cannot be written never stops the run: the first error is kept for the
 * summary.
 */
public final class Journal implements RunListener, AutoCloseable {
  private final Path path;
  private final BufferedWriter out;
  private boolean started;
  private IOException problem;

  private Journal(Path path, BufferedWriter out) {
    this.path = path;
    this.out = out;
  }

  /** Creates the file (and its directories), replacing an older one. */
  public static Journal create(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new Journal(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
  }

  public Path path() {
    return path;
  }

  @Override
  public synchronized void on(RunEvent event) {
    if (problem != null) {
      return;
    }
    try {
      if (!started) {
        started = true;
        out.write(JsonTree.write(JournalCodec.header(event.time())));
        out.write('\n');
      }
      out.write(JsonTree.write(JournalCodec.encode(event)));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      problem = e;
    }
  }

  /** The first write error, or null when every event was written. */
  public synchronized IOException problem() {
    return problem;
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      if (problem == null) {
        problem = e;
      }
    }
  }
}
