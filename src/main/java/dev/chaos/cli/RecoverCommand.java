package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.diag.Diagnostics;
import dev.chaos.runtime.Journal;
import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.Outcome;
import dev.chaos.runtime.Recovery;
import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.RunListener;
import dev.chaos.runtime.RunOptions;
import dev.chaos.runtime.RunResult;
import dev.chaos.runtime.UnfinishedRun;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Clock;
import dev.chaos.spi.RunLock;
import dev.chaos.spi.SystemClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * `chaos recover JOURNAL`: finishes a run whose runner died (SIGKILL, a lost machine) from its
 * journal: the undos it registered and did not complete, newest first, each rebuilt from its
 * recipe; then the runbook's `rollback`; then its lock. Appends what it did to the journal and
 * writes the reports beside it. A finished journal is left as it is.
 */
final class RecoverCommand implements Callable<Integer> {
  private final CliContext context;
  private CommandSpec spec;

  private RecoverCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    RecoverCommand command = new RecoverCommand(context);
    CommandSpec spec = Specs.command("recover", command,
        "Finish a run whose runner died: run the undos its journal registered and did not "
            + "complete (automatic inverses and undo blocks, newest first), then its rollback, "
            + "and release its lock.",
        "Safe to run twice: a finished journal is left as it is, and every undo is "
            + "idempotent (an object already gone is done).");
    spec.addPositional(PositionalParamSpec.builder().paramLabel("JOURNAL").arity("1")
        .required(true).type(Path.class).description("The journal of the run that died")
        .build());
    spec.addOption(Specs.option(Path.class, "FILE",
        "The config file (default: the one the run used)", "--config"));
    spec.addOption(Specs.option(String.class, "NAME",
        "The environment (default: the one the run used)", "--env"));
    spec.addOption(Specs.flag("Recover even though the runbook changed or is gone (its "
        + "rollback is then run as it is now, or not at all; its steps' undo blocks not at "
        + "all), or the runner may be alive", "--force"));
    spec.addOption(Specs.flag("Print only the summary", "-q", "--quiet"));
    spec.addOption(Specs.flag("Print every undo event", "-v", "--verbose"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    ParseResult parsed = spec.commandLine().getParseResult();
    Path file = parsed.matchedPositionalValue(0, null);
    boolean force = parsed.hasMatchedOption("--force");
    boolean quiet = parsed.hasMatchedOption("--quiet");
    PrintWriter out = context.out();
    List<RunEvent> events;
    try {
      JournalReader.Contents contents = JournalReader.read(file);
      events = contents.events();
    } catch (IOException e) {
      throw new CommandFailure("cannot read `" + file + "`: " + CommandFailure.reason(e));
    } catch (JournalReader.Malformed e) {
      throw new CommandFailure(e.getMessage());
    }
    UnfinishedRun run = UnfinishedRun.of(events);
    if (!run.undoLeft()) {
      out.println("the run in " + file + " finished (" + run.end().outcome().label()
          + "): nothing to recover");
      out.flush();
      return ExitCodes.OK;
    }
    if (run.started() == null) {
      out.println("the run in " + file + " died before it started: nothing changed, nothing "
          + "to recover");
      out.flush();
      return ExitCodes.OK;
    }
    RunEvent.RunSource source = run.source();
    if (source == null && events.size() == 1) {
      return diedBeforeItsSource(file, run.started());
    }
    // a run that ended has let go of its journal and its lock: only a dead runner may be alive
    if (!force && !run.finished() && source != null
        && source.host().equals(dev.chaos.runtime.HostName.local())
        && UnfinishedJournals.alive(source, file)) {
      throw new CommandFailure("the runner of " + file + " (pid " + source.pid()
          + ") is still running: stop it (its own undo then runs) or pass --force");
    }
    boolean sandbox = source != null && "sandbox".equals(source.backend());
    Runbook runbook = sandbox ? new Runbook(null, false) : program(run, force);
    CheckedProgram program = runbook.program();
    Backend backend = sandbox ? deadWorld() : live(parsed, run, program);
    Journal journal;
    try {
      journal = Journal.append(file);
    } catch (IOException e) {
      backend.close();
      throw new CommandFailure("cannot append to `" + file + "`: " + CommandFailure.reason(e));
    }
    if (!force && !run.finished() && !sandbox && source != null && !source.host().equals(dev.chaos.runtime.HostName.local())
        && heldByRunner(backend, run)) {
      backend.close();
      journal.close();
      throw new CommandFailure("the runner of " + file + " ran on host " + source.host()
          + " and still holds the lock `" + run.lockName() + "` (it may be alive): wait for "
          + "the lock to expire, or pass --force");
    }
    List<RunListener> listeners = new ArrayList<>(List.of(journal));
    if (!quiet) {
      listeners.add(new PlainView(out, parsed.hasMatchedOption("--verbose")));
    }
    Recovery recovery = new Recovery(events, file.toAbsolutePath().normalize().toString(),
        program, runbook.unchanged(), backend, RunOptions.defaults(),
        RunListener.all(listeners));
    RunResult result;
    try (backend; journal) {
      result = recovery.recover();
    }
    Path dir = file.toAbsolutePath().getParent();
    RunFolder folder = new RunFolder(dir, file);
    new RunSummary(context, folder).writeReports(result, null,
        result.remaining().isEmpty() ? ExitCodes.OK : ExitCodes.UNDO_FAILED);
    return summary(result, recovery, folder, journal);
  }

  /**
   * `exec` writes `run_source` right after `run_started`, before the lock or any call: a runner
   * that died between the two changed nothing, and has no config to reconnect with. Its journal
   * is only marked finished, so that the next run on its lock is not refused.
   */
  private int diedBeforeItsSource(Path file, RunEvent.RunStarted started) {
    Instant now = Instant.now();
    try (Journal journal = Journal.append(file)) {
      journal.on(new RunEvent.RunFinished(now, Outcome.INTERRUPTED,
          "the runner died before it changed anything", List.of(),
          Duration.between(started.time(), now)));
      if (journal.problem() != null) {
        throw journal.problem();
      }
    } catch (IOException e) {
      throw new CommandFailure("cannot append to `" + file + "`: " + CommandFailure.reason(e));
    }
    PrintWriter out = context.out();
    out.println("the run in " + file + " died before it changed anything: nothing to recover "
        + "(marked finished)");
    out.flush();
    return ExitCodes.OK;
  }

  private int summary(RunResult r, Recovery recovery, RunFolder folder, Journal journal) {
    PrintWriter out = context.out();
    out.println();
    long done = r.undos().stream()
        .filter(u -> u.status() == RunResult.UndoResult.Status.DONE).count();
    out.println((r.remaining().isEmpty() ? "recovered: " : "not fully recovered: ") + done
        + " of " + r.undos().size() + " undos done");
    recovery.notes().forEach(n -> out.println("  " + n));
    if (!r.remaining().isEmpty()) {
      out.println("  STILL DISRUPTED (undo by hand):");
      r.remaining().forEach(u -> out.println("    - " + u.description() + ": " + u.message()));
    }
    out.println("  report:  " + folder.report());
    out.println("  journal: " + folder.journal());
    int code = r.remaining().isEmpty() ? ExitCodes.OK : ExitCodes.UNDO_FAILED;
    out.println("  exit " + code);
    out.flush();
    if (journal.problem() != null) {
      context.err().println("error: the journal could not be written completely: "
          + journal.problem().getMessage());
    }
    return code;
  }

  /** The runbook as recover runs it; {@code unchanged}: its file is the run's own. */
  private record Runbook(CheckedProgram program, boolean unchanged) {}

  /**
   * The runbook, for its rollback and its steps' undo blocks: refused when it is gone or
   * changed since the run (they might no longer match what the run did), unless `--force`;
   * then the rollback runs as it is now, and no undo block runs.
   */
  private Runbook program(UnfinishedRun run, boolean force) {
    boolean blocks = run.pending().stream().anyMatch(p -> p.scope() != null
        && p.scope().notJournaled() == null);
    if (!run.rollbackPending() && !blocks) {
      return new Runbook(null, false);
    }
    String what = run.rollbackPending() && blocks ? "its rollback and undo blocks"
        : blocks ? "its undo blocks" : "its rollback";
    RunEvent.RunSource source = run.source();
    Path file = source != null ? Path.of(source.file()) : Path.of(run.started().file());
    if (!Files.isRegularFile(file)) {
      if (force) {
        context.err().println("warning: the runbook " + file + " is gone: " + what
            + " cannot run (--force)");
        return new Runbook(null, false);
      }
      throw new CommandFailure("the runbook " + file + " is gone: " + what + " cannot run; "
          + "restore it, or pass --force to recover without them");
    }
    String hash = RunSourceNote.sha256(file);
    boolean unchanged = source != null && source.sha256() != null
        && source.sha256().equals(hash);
    if (source != null && source.sha256() != null && !unchanged) {
      if (!force) {
        throw new CommandFailure("the runbook " + file + " changed since the run (sha256 "
            + source.sha256().substring(0, 12) + "…, now " + String.valueOf(hash).substring(0,
                Math.min(12, String.valueOf(hash).length())) + "…): " + what + " may not "
            + "match what the run did; restore it, or pass --force to run the rollback as it "
            + "is now (undo blocks never run from a changed file)");
      }
      context.err().println("warning: the runbook " + file + " changed since the run: "
          + (run.rollbackPending() ? "its rollback runs as it is now" : "")
          + (run.rollbackPending() && blocks ? "; " : "")
          + (blocks ? "its undo blocks are not run" : "") + " (--force)");
    }
    SourceFile text = SourceReader.read(file, file.toString());
    Diagnostics sink = new Diagnostics();
    CheckedProgram program = new Checker(context.drivers().get(), new CheckOptions(false))
        .check(text, sink);
    if (sink.hasErrors() || program.runbook().isEmpty()) {
      throw new CommandFailure("the runbook " + file + " has errors now: run `chaos check "
          + file + "`; " + what + " cannot run");
    }
    return new Runbook(program, unchanged);
  }

  private Backend live(ParseResult parsed, UnfinishedRun run, CheckedProgram program) {
    RunEvent.RunSource source = run.source();
    Path config = parsed.matchedOptionValue("--config", null);
    if (config == null && source != null && source.config() != null) {
      config = Path.of(source.config());
    }
    String env = parsed.matchedOptionValue("--env", null);
    if (env == null && source != null) {
      env = source.environment();
    }
    EnvironmentConfig environment = LiveEnvironment.choose(context, config, env);
    Path dir = source == null ? Path.of("") : Optional.ofNullable(
        Path.of(source.file()).getParent()).orElse(Path.of(""));
    return LiveEnvironment.open(context, environment, dir);
  }

  /** The lock is still held, unexpired, by the dead run's holder. */
  private static boolean heldByRunner(Backend backend, UnfinishedRun run) {
    if (run.lock() == null) {
      return false;
    }
    try {
      Optional<RunLock.Held> held = backend.service(RunLock.Store.class).held(run.lockName());
      return held.isPresent() && !held.get().expired()
          && run.lock().holder().equals(held.get().holder());
    } catch (Exception unknown) {
      return false;
    }
  }

  /** A sandbox run's world lived in its runner: nothing to connect to, nothing to undo. */
  private static Backend deadWorld() {
    Clock clock = new SystemClock();
    return new Backend() {
      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public BuiltinImpl impl(String qualifiedName) {
        return null;
      }

      @Override
      public void close() {}
    };
  }
}
