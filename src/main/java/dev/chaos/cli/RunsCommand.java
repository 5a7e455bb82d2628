package dev.chaos.cli;

import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.K8sTarget;
import dev.chaos.drivers.k8s.K8sClients;
import dev.chaos.drivers.k8s.RunRecords;
import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.RunEvent;
import dev.chaos.runtime.UnfinishedRun;
import dev.chaos.types.ValueFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * `chaos runs`: one line per run, newest first: when it started, runbook, environment,
 * outcome, recovery time and where its report is. From run folders (as `chaos report` reads
 * them, and those with a journal but no report yet: running, or died unfinished), or with `--env` from the records the runs left in that environment's cluster, which
 * every runner writes whether it ran in a pipeline or in a pod ({@link RunRecord}).
 */
final class RunsCommand implements Callable<Integer> {
  /** `--format` of `chaos runs`. */
  enum Format { TEXT, JSON }

  /** One run as listed; {@code recovery} and {@code environment} may be null. */
  record Row(String start, String runbook, String environment, String outcome, String recovery,
      String report, String runId) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CliContext context;
  private CommandSpec spec;

  private RunsCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    RunsCommand command = new RunsCommand(context);
    CommandSpec spec = Specs.command("runs", command,
        "The runs, newest first: start, runbook, environment, outcome, recovery time, report.",
        "Reads the run folders in DIR (default: chaos-runs), or with --env the records the "
            + "runs left in that environment's cluster (ConfigMaps labelled chaos.dev/run in "
            + "its lock namespace), whichever runner made them.");
    spec.addPositional(Specs.strings("DIR", "Run folders, or folders of run folders"));
    spec.addOption(Specs.option(String.class, "NAME",
        "List the records in the cluster of this environment of the config file", "--env"));
    spec.addOption(Specs.option(Path.class, "FILE",
        "The config file (default: chaos.yaml here)", "--config"));
    EnvironmentCluster.addOptions(spec, "");
    spec.addOption(Specs.option(Format.class, "FORMAT", "text (default) or json", "--format"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> given = parsed.matchedPositionalValue(0, List.of());
    String env = parsed.matchedOptionValue("--env", null);
    List<Row> rows;
    if (env != null) {
      if (!given.isEmpty()) {
        throw new CommandFailure("`--env` lists the cluster's records: drop the folders, or "
            + "list them in a second call");
      }
      rows = fromCluster(parsed, env);
    } else {
      for (String clusterOnly : List.of("--config", "--context", "--kubeconfig")) {
        if (parsed.hasMatchedOption(clusterOnly)) {
          throw new CommandFailure("`" + clusterOnly + "` chooses a cluster: add `--env NAME`");
        }
      }
      rows = fromFolders(given.isEmpty() ? List.of(RunFolder.DEFAULT_ROOT)
          : given.stream().map(Path::of).toList());
    }
    rows = new ArrayList<>(rows);
    rows.sort(Comparator.comparing(Row::start).thenComparing(Row::runId).reversed());
    Format format = parsed.matchedOptionValue("--format", Format.TEXT);
    context.out().print(format == Format.JSON ? json(rows) : text(rows));
    context.out().flush();
    return ExitCodes.OK;
  }

  private List<Row> fromFolders(List<Path> dirs) {
    RunHistory history = RunHistory.read(dirs);
    history.skipped().forEach(s -> context.err().println("warning: skipped " + s));
    List<Row> rows = new ArrayList<>();
    for (RunHistory.Runbook runbook : history.runbooks()) {
      for (RunHistory.Run run : runbook.runs()) {
        rows.add(new Row(run.when().toString(), run.runbook(), run.environment(),
            run.outcome() + (run.dryRun() ? " (dry run)" : ""),
            run.recovery() == null ? null : ValueFormat.duration(run.recovery()),
            run.folder().resolve("report.md").toString(), run.runId()));
      }
    }
    for (Path folder : history.unreported()) {
      unreported(folder).ifPresent(rows::add);
    }
    return rows;
  }

  /**
   * A run folder with a journal and no report yet: a run still going, or one whose runner died
   * (its chaos may still be in place), listed with its journal and, when its runner is gone,
   * the command that finishes it.
   */
  private Optional<Row> unreported(Path folder) {
    Path journal = folder.resolve(RunFolder.JOURNAL);
    UnfinishedRun run;
    try {
      run = UnfinishedRun.of(JournalReader.read(journal).events());
    } catch (IOException | JournalReader.Malformed e) {
      context.err().println("warning: skipped " + journal + ": " + e.getMessage());
      return Optional.empty();
    }
    RunEvent.RunStarted started = run.started();
    if (started == null) {
      context.err().println("warning: skipped " + journal + ": the run never started");
      return Optional.empty();
    }
    String outcome;
    if (run.finished()) {
      outcome = "ended, no report";
    } else if (UnfinishedJournals.alive(run.source(), journal)) {
      outcome = "running";
    } else {
      int left = run.pending().size() + (run.rollbackPending() ? 1 : 0);
      outcome = "died unfinished" + (left == 0 ? "" : " (" + left + " undo"
          + (left == 1 ? "" : "s") + " left)");
      context.err().println("note: the run " + started.runId() + " of " + started.runbook()
          + " died unfinished (" + UnfinishedJournals.runner(run) + "); finish it with: "
          + UnfinishedJournals.recoverCommand(journal, run.source()));
    }
    return Optional.of(new Row(RunHistory.when(started.runId(), started.time().toString())
        .toString(), started.runbook(), started.environment(),
        outcome + (started.dryRun() ? " (dry run)" : ""), null, journal.toString(),
        started.runId() == null ? "" : started.runId()));
  }

  private List<Row> fromCluster(ParseResult parsed, String env) {
    Path file = parsed.matchedOptionValue("--config", ChaosConfig.DEFAULT_FILE);
    K8sTarget target;
    try {
      EnvironmentConfig environment = ChaosConfig.load(file,
          LiveTargets.driverSections(context.drivers().get())).environment(env);
      target = environment.requireKubernetes();
    } catch (ConfigException e) {
      throw new CommandFailure(e.getMessage());
    }
    List<Map<String, String>> records;
    try (K8sClients clients = EnvironmentCluster.connect(context, parsed, target)) {
      records = new RunRecords(clients.cluster("").client(), target.lockNamespace()).list();
    } catch (IOException | RuntimeException e) {
      throw new CommandFailure("cannot list the runs of environment `" + env + "`: "
          + e.getMessage());
    }
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> r : records) {
      String host = r.get("host");
      String report = r.get("report");
      rows.add(new Row(String.valueOf(r.get(RunRecords.STARTED)), String.valueOf(r.get("runbook")),
          r.get("environment"), String.valueOf(r.get("outcome"))
              + ("true".equals(r.get("dry_run")) ? " (dry run)" : ""),
          r.get("recovery"), report == null ? "" : host == null ? report : host + ":" + report,
          String.valueOf(r.get("run_id"))));
    }
    return rows;
  }

  static String text(List<Row> rows) {
    if (rows.isEmpty()) {
      return "no runs\n";
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"START", "RUNBOOK", "ENV", "OUTCOME", "RECOVERY", "REPORT"});
    for (Row r : rows) {
      cells.add(new String[] {r.start(), r.runbook(), dash(r.environment()), r.outcome(),
          dash(r.recovery()), r.report()});
    }
    int[] widths = new int[6];
    cells.forEach(c -> {
      for (int i = 0; i < c.length; i++) {
        widths[i] = Math.max(widths[i], c[i].length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (String[] c : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < c.length; i++) {
        line.append(i == c.length - 1 ? c[i] : String.format("%-" + widths[i] + "s  ", c[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  static String json(List<Row> rows) {
    ArrayNode list = JSON.createArrayNode();
    for (Row r : rows) {
      ObjectNode n = list.addObject();
      n.put("start", r.start());
      n.put("runbook", r.runbook());
      n.put("environment", r.environment());
      n.put("outcome", r.outcome());
      n.put("recovery", r.recovery());
      n.put("report", r.report());
      n.put("run_id", r.runId());
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list) + "\n";
  }

  private static String dash(String text) {
    return text == null || text.isEmpty() ? "-" : text;
  }
}
