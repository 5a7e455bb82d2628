package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.deploy.ClusterApply;
import dev.chaos.deploy.Deployment;
import dev.chaos.deploy.Manifests;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.diag.TextRenderer;
import dev.chaos.drivers.k8s.K8sClients;
import dev.chaos.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * `chaos deploy [PATH...]`: the Kubernetes objects that run runbooks in a cluster, printed as
 * YAML (for GitOps) or written to the environment's cluster with `--apply`. See docs/deploy.md.
 */
final class DeployCommand implements Callable<Integer> {
  private final CliContext context;
  private CommandSpec spec;

  private DeployCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    DeployCommand command = new DeployCommand(context);
    CommandSpec spec = Specs.command("deploy", command,
        "Render the Kubernetes objects that run runbooks in a cluster: a ServiceAccount with "
            + "the RBAC their calls need, a ConfigMap with the runbooks and chaos.yaml, a Job "
            + "per runbook (a CronJob when it has a `schedule`) or a GameDay's Argo "
            + "WorkflowTemplate.",
        "Directories are searched for `.chaos` files, as by `chaos check`. See docs/deploy.md.");
    spec.addPositional(Specs.strings("PATH", "Runbook files or directories (default: .)"));
    spec.addOption(Specs.option(Path.class, "FILE",
        "The config file the runs read (default: chaos.yaml here)", "--config"));
    spec.addOption(Specs.option(String.class, "ENV",
        "The environment of every run (default: each runbook's `environment`)", "--env"));
    spec.addOption(Specs.option(String.class, "NS",
        "The namespace of the runner's objects (default: chaos)", "-n", "--namespace"));
    spec.addOption(Specs.option(String.class, "IMAGE",
        "The image of the runs (default: chaos:VERSION)", "--image"));
    spec.addOption(Specs.option(String.class, "NAME",
        "The prefix of the objects' names (default: chaos)", "--prefix"));
    spec.addOption(Specs.option(String.class, "SECRET",
        "The Secret holding the config's `env:` and `file:` secrets (default: chaos-secrets)",
        "--secret"));
    spec.addOption(Specs.option(String.class, "CLAIM",
        "A PersistentVolumeClaim for the run folders (default: an emptyDir)", "--runs-claim"));
    spec.addOption(Specs.option(String.class, "NAME",
        "Render an Argo WorkflowTemplate NAME running the runbooks as one GameDay, in the "
            + "order given, stopping at the first failure", "--gameday"));
    spec.addOption(Specs.flag("With --gameday: run the runbooks at once", "--parallel"));
    spec.addOption(Specs.flag("List each RBAC rule with the runbook lines that need it, "
        + "instead of the objects", "--explain"));
    spec.addOption(Specs.flag("Create or replace the objects in the environment's cluster",
        "--apply"));
    EnvironmentCluster.addOptions(spec, ", with --apply");
    spec.addOption(Specs.option(Path.class, "FILE", "Write the YAML to FILE instead of stdout",
        "-o", "--output"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--parallel") && !parsed.hasMatchedOption("--gameday")) {
      throw new CommandFailure("`--parallel` goes with `--gameday NAME`");
    }
    for (String clusterOnly : List.of("--context", "--kubeconfig")) {
      if (parsed.hasMatchedOption(clusterOnly) && !parsed.hasMatchedOption("--apply")) {
        throw new CommandFailure("`" + clusterOnly + "` chooses the cluster to apply to: add "
            + "`--apply`");
      }
    }
    Path configFile = parsed.matchedOptionValue("--config", ChaosConfig.DEFAULT_FILE);
    ChaosConfig config;
    String configText;
    try {
      configText = Files.readString(configFile);
      config = ChaosConfig.load(configFile, LiveTargets.driverSections(context.drivers().get()));
    } catch (IOException e) {
      throw new CommandFailure("cannot read `" + configFile + "`: " + CommandFailure.reason(e)
          + " (pass --config FILE)");
    } catch (ConfigException e) {
      throw new CommandFailure(e.getMessage());
    }
    List<CheckedProgram> programs = check(parsed.matchedPositionalValue(0, List.of()));
    if (programs == null) {
      return ExitCodes.FAILED;
    }
    Manifests.Options options = new Manifests.Options(
        parsed.matchedOptionValue("--namespace", "chaos"),
        parsed.matchedOptionValue("--image", "chaos:" + ProjectInfo.version()),
        parsed.matchedOptionValue("--prefix", "chaos"),
        parsed.matchedOptionValue("--secret", "chaos-secrets"),
        parsed.matchedOptionValue("--gameday", null), parsed.hasMatchedOption("--parallel"),
        parsed.matchedOptionValue("--runs-claim", null));
    Deployment deployment = Deployment.of(programs, config, configText,
        parsed.matchedOptionValue("--env", null), options);
    deployment.notes().forEach(n -> context.err().println("note: " + n));
    if (!deployment.problems().isEmpty()) {
      deployment.problems().forEach(p -> context.err().println("error: " + p));
      context.err().println("error: no RBAC can be derived for these runbooks: nothing was "
          + "rendered");
      context.err().flush();
      return ExitCodes.FAILED;
    }
    if (parsed.hasMatchedOption("--explain")) {
      context.write(parsed.matchedOptionValue("--output", null), deployment.rbac().explain());
      return ExitCodes.OK;
    }
    List<Map<String, Object>> objects = deployment.objects();
    if (!parsed.hasMatchedOption("--apply")) {
      context.write(parsed.matchedOptionValue("--output", null), Manifests.yaml(objects));
      return ExitCodes.OK;
    }
    apply(parsed, deployment, objects);
    return ExitCodes.OK;
  }

  /**
   * Writes the objects to the cluster of the runs' environment (one for all of them), reached
   * as `chaos exec` reaches it unless `--context`/`--kubeconfig` say otherwise.
   */
  private void apply(ParseResult parsed, Deployment deployment,
      List<Map<String, Object>> objects) {
    List<EnvironmentConfig> environments = deployment.environments();
    if (environments.size() != 1) {
      throw new CommandFailure("--apply writes to one cluster, but the runbooks use "
          + environments.size() + " environments: deploy them apart, or pass --env");
    }
    EnvironmentConfig environment = environments.get(0);
    try (K8sClients clients = EnvironmentCluster.connect(context, parsed,
        environment.requireKubernetes())) {
      List<String> written = ClusterApply.apply(clients.cluster("").client(), objects);
      written.forEach(w -> context.out().println(w + " applied"));
      context.out().flush();
    } catch (CommandFailure e) {
      throw e;
    } catch (Exception e) {
      throw new CommandFailure("cannot apply to the cluster of environment `"
          + environment.name() + "`: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  /** The runbooks checked; null when one has errors (said on stderr, as `chaos check`). */
  private List<CheckedProgram> check(List<String> paths) {
    RunbookFinder finder = new RunbookFinder();
    for (String path : paths.isEmpty() ? List.of(".") : paths) {
      finder.add(path);
    }
    List<String> problems = new ArrayList<>(finder.problems());
    List<SourceFile> files = new ArrayList<>();
    for (RunbookFinder.Found found : finder.files()) {
      try {
        files.add(SourceReader.read(found.path(), found.shown()));
      } catch (CommandFailure e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new CommandFailure(problems);
    }
    Checker checker = new Checker(context.drivers().get(), new CheckOptions(false));
    Diagnostics sink = new Diagnostics();
    List<CheckedProgram> programs = new ArrayList<>();
    for (SourceFile file : files) {
      CheckedProgram program = checker.check(file, sink);
      if (program.runbook().isPresent()) {
        programs.add(program);
      }
    }
    List<Diagnostic> diagnostics = sink.sorted();
    if (sink.hasErrors()) {
      boolean color = ColorMode.AUTO.enabled(false, context.env());
      context.err().print(new TextRenderer(color).render(diagnostics, files));
      context.err().println("error: the runbooks have errors: nothing was rendered");
      context.err().flush();
      return null;
    }
    if (programs.isEmpty()) {
      throw new CommandFailure("no runbook found in " + (paths.isEmpty() ? "." : paths));
    }
    return programs;
  }
}
