package dev.chaos.cli;

import dev.chaos.check.CheckedProgram;
import dev.chaos.config.ChaosConfig;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.runtime.Journal;
import dev.chaos.runtime.RedactedEvents;
import dev.chaos.runtime.RunEngine;
import dev.chaos.runtime.RunId;
import dev.chaos.runtime.RunListener;
import dev.chaos.runtime.RunOptions;
import dev.chaos.runtime.RunResult;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.BackendRequest;
import dev.chaos.spi.SandboxRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * `chaos exec FILE`: checks the runbook (and refuses it on any error), opens a backend (the
 * in-process sandbox with `--sandbox`), runs it with its guards, undo and recovery, and writes the
 * journal and the reports into the run's folder.
 */
final class ExecCommand implements Callable<Integer> {
  private final CliContext context;
  private CommandSpec spec;

  private ExecCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    ExecCommand command = new ExecCommand(context);
    CommandSpec spec = Specs.command("exec", command,
        "Run a runbook: preconditions, steps with guards, verifies, undo (always), recovery; "
            + "then a journal and reports in chaos-runs/.",
        "With --sandbox it rehearses against an in-process world on a virtual clock: no "
            + "cluster, no network, and minutes of waits pass in milliseconds.");
    spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("1")
        .required(true).type(Path.class).description("The runbook to run").build());
    spec.addOption(Specs.flag("Run against the embedded sandbox world", "--sandbox"));
    spec.addOption(Specs.option(Path.class, "FILE",
        "The sandbox world (YAML, see docs/sandbox.md) instead of the built-in one", "--world"));
    spec.addOption(Specs.flag("Run the read-only parts for real; show what each mutation "
        + "would change (resolved targets, blast radius, undo) and change nothing", "--dry-run"));
    spec.addOption(Specs.option(String.class, "NAME",
        "The environment of the config file to run against (default: the runbook's "
            + "`environment`); with --sandbox, refuse unless the runbook's environment is NAME",
        "--env"));
    spec.addOption(Specs.option(Path.class, "FILE",
        "The config file of real runs (default: chaos.yaml here; see docs/configuration.md)",
        "--config"));
    spec.addOption(Specs.option(String.class, "NAME",
        "The kubeconfig context of the environment's cluster (as kubectl's)", "--context"));
    spec.addOption(Specs.option(Path.class, "FILE",
        "The kubeconfig file (as kubectl's; default: the config's, $KUBECONFIG, ~/.kube/config)",
        "--kubeconfig"));
    spec.addOption(Specs.option(String.class, "ENV",
        "Confirm a real run in production: `--confirm prod` (else, at a terminal, type the "
            + "runbook's name; see docs/exec.md)", "--confirm"));
    spec.addOption(Specs.option(Path.class, "FILE",
        "Write the journal to FILE (the reports go beside it)", "--journal"));
    spec.addOption(Specs.option(Path.class, "DIR", "Make the run's folder under DIR instead of "
        + "chaos-runs (in a pod: a volume's path)", "--runs-dir"));
    spec.addOption(Specs.option(Path.class, "FILE", "Also write a JUnit XML report to FILE",
        "--junit"));
    spec.addOption(Specs.flag("Post the run's summary (outcome, recovery time, where the "
        + "report is) to the environment's `notify` webhook when it ends", "--notify-report"));
    spec.addOption(Specs.flag("Run even though a run of the same lock died unfinished "
        + "(see `chaos recover`)", "--force"));
    spec.addOption(Specs.flag("Print only the summary", "-q", "--quiet"));
    spec.addOption(Specs.flag("Print every probe sample, read and undo registration",
        "-v", "--verbose"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() throws IOException {
    ParseResult parsed = spec.commandLine().getParseResult();
    Path file = parsed.matchedPositionalValue(0, null);
    boolean sandbox = parsed.hasMatchedOption("--sandbox");
    Path world = parsed.matchedOptionValue("--world", null);
    boolean quiet = parsed.hasMatchedOption("--quiet");
    boolean verbose = parsed.hasMatchedOption("--verbose") && !quiet;
    String env = parsed.matchedOptionValue("--env", null);
    if (world != null && !sandbox) {
      throw new CommandFailure("`--world` describes the sandbox: add `--sandbox`");
    }
    for (String liveOnly : List.of("--config", "--context", "--kubeconfig", "--confirm",
        "--notify-report")) {
      if (sandbox && parsed.hasMatchedOption(liveOnly)) {
        throw new CommandFailure("`" + liveOnly + "` is for real runs: the sandbox needs no "
            + "config (its world is `--world FILE`)");
      }
    }
    SourceFile source = SourceReader.read(file, file.toString());
    CheckedProgram program = RunbookCheck.of(context, source, "run");
    if (program == null) {
      return ExitCodes.INVALID_INPUT;
    }
    Path dir = file.toAbsolutePath().getParent();
    Path runbookDirectory = dir == null ? Path.of("") : dir;
    BackendRequest request = sandbox
        ? new SandboxRequest(runbookDirectory, Optional.ofNullable(world))
        : LiveTargets.request(parsed.matchedOptionValue("--config", null), env, program,
            runbookDirectory, new KubectlFlags(
                Optional.ofNullable(parsed.matchedOptionValue("--kubeconfig", null)),
                Optional.ofNullable(parsed.matchedOptionValue("--context", null))),
            context.drivers().get(), context.redactor());
    // a live environment's class was matched against the runbook's above
    RunOptions options = RunOptions.defaults()
        .withDryRun(parsed.hasMatchedOption("--dry-run")).withEnvironment(sandbox ? env : null);
    if (request instanceof LiveRequest live) {
      Path config = parsed.matchedOptionValue("--config", null);
      ProdGates.enforce(new ProdGates.Run(program, live, String.valueOf(config == null
          ? ChaosConfig.DEFAULT_FILE : config), file.toString(), options.dryRun(),
          parsed.matchedOptionValue("--confirm", null)), context);
    }
    String name = program.runbook().orElseThrow().name().text();
    Path runsDir = parsed.matchedOptionValue("--runs-dir", RunFolder.DEFAULT_ROOT);
    if (parsed.hasMatchedOption("--runs-dir") && parsed.hasMatchedOption("--journal")) {
      throw new CommandFailure("`--journal` names the run's folder itself: drop `--runs-dir`");
    }
    LocalDateTime started = LocalDateTime.now();
    java.time.Instant wallStart = java.time.Instant.now();
    RunFolder folder;
    try {
      folder = RunFolder.choose(parsed.matchedOptionValue("--journal", null), runsDir, name,
          started);
    } catch (IOException e) {
      throw new CommandFailure("cannot create the run folder: " + CommandFailure.reason(e));
    }
    Path junit = parsed.matchedOptionValue("--junit", null);
    checkOutputs(folder, junit, Arrays.asList(file, world,
        parsed.matchedOptionValue("--config", null)));
    options = options.withRun(RunId.next(name, started), folder.journal());
    Backend backend = open(request);
    if (!sandbox && !parsed.hasMatchedOption("--force")
        && !parsed.hasMatchedOption("--dry-run")) {
      try {
        UnfinishedRunGuard.check(program, file, parsed.matchedOptionValue("--journal", null),
            runsDir, backend);
      } catch (CommandFailure refused) {
        backend.close();
        throw refused;
      }
    }
    RunResult result;
    Journal journal;
    // marked before it exists: a run of this process that looks meanwhile must not take it
    // for a dead run's
    Path running = UnfinishedJournals.running(folder.journal());
    try {
      journal = Journal.create(folder.journal());
    } catch (IOException e) {
      UnfinishedJournals.finished(running);
      backend.close();
      throw new CommandFailure("cannot write `" + folder.journal() + "`: "
          + CommandFailure.reason(e));
    }
    RunListener journaled = RunSourceNote.around(journal, file, sandbox ? "sandbox" : "live",
        sandbox ? null : configFile(parsed),
        sandbox ? env : ((dev.chaos.config.LiveRequest) request).environment().name());
    Map<String, String> record = null;
    try (backend; journal) {
      result = run(program, backend, options, journaled, quiet, verbose);
      if (request instanceof LiveRequest live) {
        record = RunRecord.summary(result, live.environment().name(), folder,
            RunSummary.exitCode(result.outcome()), wallStart);
        RunRecord.record(context, live, record, backend);
      }
    } finally {
      UnfinishedJournals.finished(running);
    }
    RunSummary summary = new RunSummary(context, folder);
    summary.writeReports(result, junit);
    summary.print(result, journal);
    if (request instanceof LiveRequest live && parsed.hasMatchedOption("--notify-report")) {
      RunRecord.notify(context, live, record);
    }
    return RunSummary.exitCode(result.outcome());
  }

  /**
   * Before anything is touched: no output may replace an input, and `--junit` must be writable,
   * so that a run never makes its changes only to fail at its last report.
   */
  private static void checkOutputs(RunFolder folder, Path junit, List<Path> inputs) {
    OutputPaths.refuseInputs("--journal", folder.journal(), inputs);
    OutputPaths.refuseInputs("--journal", folder.report(), inputs);
    OutputPaths.refuseInputs("--journal", folder.jsonReport(), inputs);
    OutputPaths.refuseInputs("--journal", folder.htmlReport(), inputs);
    if (junit != null) {
      OutputPaths.refuseInputs("--junit", junit, inputs);
      OutputPaths.requireWritable("--junit", junit);
    }
  }

  private Backend open(BackendRequest request) {
    boolean sandbox = request instanceof SandboxRequest;
    String name = sandbox ? "sandbox" : "live";
    BackendProvider provider = context.backends().find(name).orElseThrow(() -> new CommandFailure(
        "the " + name + " backend is not on the class path of this build"));
    try {
      return provider.open(request);
    } catch (Exception e) {
      Optional<Path> world = sandbox ? ((SandboxRequest) request).worldFile() : Optional.empty();
      String what = world.isPresent() ? "cannot load the world `" + world.get() + "`"
          : "cannot open the " + name + " backend";
      throw new CommandFailure(what + ": " + (e.getMessage() == null ? e.toString()
          : e.getMessage()));
    }
  }

  /** The config file a real run reads, as `chaos recover` must read it again. */
  private static Path configFile(ParseResult parsed) {
    Path config = parsed.matchedOptionValue("--config", null);
    return config != null ? config : dev.chaos.config.ChaosConfig.DEFAULT_FILE;
  }

  private RunResult run(CheckedProgram program, Backend backend, RunOptions options,
      RunListener journal, boolean quiet, boolean verbose) {
    List<RunListener> listeners = new ArrayList<>();
    listeners.add(journal);
    LiveView live = null;
    if (!quiet && context.stdoutIsTerminal()) {
      live = new LiveView(context.out(), verbose, backend.clock()::now, columns());
      listeners.add(live);
    } else if (!quiet) {
      listeners.add(new PlainView(context.out(), verbose));
    }
    // every secret known by the time an event is emitted is masked in the journal and the views
    RunEngine engine = new RunEngine(program, backend, options,
        RedactedEvents.listener(context.redactor(), RunListener.all(listeners)));
    int[] signals = new int[1];
    try (Signals ignored = Signals.install(signal -> onSignal(engine, signal, ++signals[0]))) {
      return engine.run();
    } finally {
      if (live != null) {
        live.close();
      }
    }
  }

  /**
   * The first signal stops the run (undo still runs); the second says so; the third gives up
   * on undo and exits at once, for a run whose undo hangs: 5 naming what is left behind, 130
   * when nothing is.
   */
  private void onSignal(RunEngine engine, String signal, int count) {
    if (count == 1) {
      engine.interrupt("interrupted (" + signal + ")");
      context.err().println("\n" + signal + ": stopping; undo runs before exit");
    } else if (count == 2) {
      context.err().println(SignalReplies.second(signal, engine.phase()));
    } else {
      SignalReplies.Exit exit = SignalReplies.third(signal, engine.undoRemaining());
      context.err().println(exit.message());
      context.err().flush();
      Runtime.getRuntime().halt(exit.code());
    }
    context.err().flush();
  }

  private int columns() {
    try {
      return Integer.parseInt(context.env().getOrDefault("COLUMNS", "100").trim());
    } catch (NumberFormatException e) {
      return 100;
    }
  }
}
