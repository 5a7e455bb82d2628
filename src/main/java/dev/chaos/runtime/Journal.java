package dev.chaos.runtime;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.chaos.types.JsonTree;

/**
 * The run's journal: one JSON object per line and per event, written and flushed as it happens,
 * so that a run that dies leaves everything up to its last event. What `chaos recover` needs is
 * also forced to the disk ({@link FileChannel#force}) before the run goes on: each undo
 * registration, its recipe and the values its undo block reads (before the side effect they
 * undo), the lock taken, where the run came from, and the end of the run; a lost machine then
 * still leaves them. The first line
 * names the format and its version; each line after it is one {@link RunEvent} in the encoding
 * of {@link JournalCodec} (docs/journal.md), which {@link JournalReader} reads back. A journal
 * that cannot be written never stops the run: the first error is kept for the summary.
 */
public final class Journal implements RunListener, AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final BufferedWriter out;
  private boolean started;
  private long written;
  private IOException problem;

  private Journal(Path path, FileChannel channel, boolean started) {
    this.path = path;
    this.channel = channel;
    this.out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
    this.started = started;
  }

  /** Creates the file (and its directories), replacing an older one. */
  public static Journal create(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new Journal(path, FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), false);
  }

  /**
   * Opens an existing journal to write more events after its last (`chaos recover`). A last
   * line that a crash cut short is cut off first, so that every line stays whole.
   */
  public static Journal append(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      channel.truncate(endOfLastWholeLine(channel));
      channel.position(channel.size());
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new Journal(path, channel, true);
  }

  private static long endOfLastWholeLine(FileChannel channel) throws IOException {
    long size = channel.size();
    ByteBuffer one = ByteBuffer.allocate(1);
    for (long at = size - 1; at >= 0; at--) {
      one.clear();
      channel.read(one, at);
      if (one.get(0) == '\n') {
        return at + 1;
      }
    }
    return 0;
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
      if (forced(event.type())) {
        channel.force(false);
      }
    } catch (IOException e) {
      problem = e;
      return;
    }
    CrashPoint.reached(++written);
  }

  /** What `chaos recover` relies on is on the disk before the run goes on. */
  private static boolean forced(RunEvent.Type type) {
    return switch (type) {
      case UNDO_REGISTERED, UNDO_RECIPE, UNDO_SCOPE, LOCK_TAKEN, RUN_SOURCE, RUN_FINISHED -> true;
      default -> false;
    };
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
