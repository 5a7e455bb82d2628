package dev.chaos.cli;

import dev.chaos.runtime.HostName;
import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.UnfinishedRun;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journals of runs whose runner died before finishing (`chaos exec` refuses to start while
 * one holds its lock; `chaos recover` finishes it). A journal is unfinished when it has no
 * `run_finished` and its run changed something (an undo registered, a lock taken); its runner
 * is dead when it ran on this host under a pid that is gone, and unknown on another host.
 */
final class UnfinishedJournals {
  private UnfinishedJournals() {}

  /** An unfinished journal: {@code runner} says who ran it and whether it is known dead. */
  record Found(Path journal, UnfinishedRun run, String runner, boolean alive) {}

  /**
   * Every unfinished journal of lock {@code lock} (or, for a runbook without a lock, of the
   * runbook file {@code file}) in the run folders under {@code roots}: `chaos-runs/*` and the
   * folders beside the one `--journal` names.
   */
  static List<Found> find(List<Path> roots, String lock, Path file) {
    List<Found> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (DirectoryStream<Path> runs = Files.newDirectoryStream(root)) {
        for (Path dir : runs) {
          Path journal = dir.resolve(RunFolder.JOURNAL);
          if (Files.isRegularFile(journal)) {
            read(journal).filter(f -> sameLock(f.run(), lock, file)).ifPresent(found::add);
          }
        }
      } catch (IOException unreadable) {
        // a folder we cannot list holds no journal we could recover either
      }
    }
    return found;
  }

  /** The journal, when it is readable and unfinished. */
  static Optional<Found> read(Path journal) {
    try {
      if (endsFinished(journal)) {
        return Optional.empty();
      }
      UnfinishedRun run = UnfinishedRun.of(JournalReader.read(journal).events());
      if (!run.undoLeft() || run.started() == null || run.started().dryRun()
          || run.pending().isEmpty() && !run.rollbackPending() && run.lock() == null) {
        return Optional.empty();
      }
      return Optional.of(new Found(journal, run, runner(run),
          !run.finished() && alive(run.source(), journal)));
    } catch (IOException | JournalReader.Malformed e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the journal's last line is its `run_finished`: the common case, told from the
   * file's tail, so that every live run does not parse every journal of the run folders.
   */
  private static boolean endsFinished(Path journal) throws IOException {
    try (var channel = java.nio.channels.FileChannel.open(journal)) {
      long size = channel.size();
      int tail = (int) Math.min(size, 4096);
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(tail);
      channel.read(bytes, size - tail);
      String text = new String(bytes.array(), 0, bytes.position(),
          java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
      String last = text.substring(text.lastIndexOf('\n') + 1);
      // a run that ended undo_failed may have left undos that `chaos recover` can still finish;
      // once recover finished them, its own run_finished lists nothing remaining
      return last.contains("\"event\":\"run_finished\"")
          && (!last.contains("\"outcome\":\"undo_failed\"")
              || last.contains("\"remaining\":[]"));
    }
  }

  private static boolean sameLock(UnfinishedRun run, String lock, Path file) {
    if (lock != null) {
      return lock.equals(run.lockName());
    }
    return run.lockName() == null && run.source() != null
        && Path.of(run.source().file()).equals(file.toAbsolutePath().normalize());
  }

  /** "pid 4242 on host ci-7", as far as the journal says. */
  static String runner(UnfinishedRun run) {
    RunEvent.RunSource s = run.source();
    return s == null ? "a runner the journal does not name" : "pid " + s.pid() + " on host "
        + s.host();
  }

  /**
   * True when the runner may still be running: on this host under a live pid, or on another
   * host (where its pid cannot be checked).
   */
  static boolean alive(RunEvent.RunSource source) {
    return alive(source, null);
  }

  /**
   * As {@link #alive(RunEvent.RunSource)}; a journal of this very process is alive only while
   * one of its runs writes it ({@link #running}): several runs share a JVM in tests and
   * embedders, and a dead runner's pid may since have been given to this process.
   */
  static boolean alive(RunEvent.RunSource source, Path journal) {
    if (source == null) {
      return false;
    }
    if (!source.host().equals(HostName.local())) {
      return true;
    }
    if (source.pid() == ProcessHandle.current().pid()) {
      return journal != null && RUNNING.contains(journal.toAbsolutePath().normalize());
    }
    return ProcessHandle.of(source.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The journals this process is writing now, runs in progress. */
  private static final java.util.Set<Path> RUNNING =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Marks {@code journal} as written by a run of this process until {@link #finished}. */
  static Path running(Path journal) {
    Path key = journal.toAbsolutePath().normalize();
    RUNNING.add(key);
    return key;
  }

  static void finished(Path journal) {
    RUNNING.remove(journal);
  }

  /** The exact command that finishes {@code found}'s run. */
  static String recoverCommand(Path journal, RunEvent.RunSource source) {
    StringBuilder command = new StringBuilder("chaos recover ").append(quote(journal.toString()));
    if (source != null && source.config() != null) {
      command.append(" --config ").append(quote(source.config()));
    }
    if (source != null && source.environment() != null && "live".equals(source.backend())) {
      command.append(" --env ").append(quote(source.environment()));
    }
    return command.toString();
  }

  private static String quote(String word) {
    return word.matches("[A-Za-z0-9_./=:@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
