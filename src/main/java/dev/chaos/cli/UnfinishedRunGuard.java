package dev.chaos.cli;

import dev.chaos.check.CheckedProgram;
import dev.chaos.spi.Backend;
import dev.chaos.spi.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * `chaos exec` refuses to start while a run of the same lock died unfinished (its chaos may
 * still be in place, its lock still held): found in the run folders, or named by the lock's
 * Lease when its holder is gone. It says which journal and the exact `chaos recover` command;
 * `--force` runs anyway.
 */
final class UnfinishedRunGuard {
  private UnfinishedRunGuard() {}

  static void check(CheckedProgram program, Path file, Path journalOption, Backend backend) {
    check(program, file, journalOption, RunFolder.DEFAULT_ROOT, backend);
  }

  /** As above, with the run folders under {@code runsDir} (`--runs-dir`). */
  static void check(CheckedProgram program, Path file, Path journalOption, Path runsDir,
      Backend backend) {
    String lock = ProdHeader.of(program).lock();
    List<Path> roots = new ArrayList<>(List.of(runsDir));
    if (journalOption != null) {
      Path dir = journalOption.toAbsolutePath().getParent();
      if (dir != null && dir.getParent() != null) {
        roots.add(dir.getParent());
      }
    }
    for (UnfinishedJournals.Found f : UnfinishedJournals.find(roots, lock, file)) {
      if (!f.alive() && !isThisRun(f.journal(), journalOption)) {
        throw refusal(f);
      }
    }
    if (lock != null) {
      leaseNamesADeadRun(backend, lock).ifPresent(f -> {
        throw refusal(f);
      });
    }
  }

  private static boolean isThisRun(Path journal, Path journalOption) {
    return journalOption != null && journal.toAbsolutePath().normalize()
        .equals(journalOption.toAbsolutePath().normalize());
  }

  /** A Lease whose holder is dead (expired, or a dead pid here) names an unfinished journal. */
  private static Optional<UnfinishedJournals.Found> leaseNamesADeadRun(Backend backend,
      String lock) {
    Optional<RunLock.Held> held;
    try {
      held = backend.service(RunLock.Store.class).held(lock);
    } catch (Exception noStore) {
      return Optional.empty(); // the run's own lock step says what is wrong with the store
    }
    if (held.isEmpty() || held.get().journal() == null) {
      return Optional.empty();
    }
    Path journal = Path.of(held.get().journal());
    if (!Files.isRegularFile(journal)) {
      return Optional.empty();
    }
    return UnfinishedJournals.read(journal)
        .filter(f -> held.get().expired() || !f.alive());
  }

  private static CommandFailure refusal(UnfinishedJournals.Found f) {
    String lock = f.run().lockName();
    return new CommandFailure("refusing to run: the run of `" + f.run().started().runbook()
        + "`" + (lock == null ? "" : " on lock `" + lock + "`")
        + (f.run().finished() ? " ended with undos that failed (" : " died unfinished (")
        + f.runner() + ", journal " + f.journal() + "); its chaos may still be in place. "
        + "Finish it first: `" + UnfinishedJournals.recoverCommand(f.journal(),
            f.run().source()) + "` (or pass --force to run anyway)");
  }
}
