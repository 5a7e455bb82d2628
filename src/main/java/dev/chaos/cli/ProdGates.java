package dev.chaos.cli;

import dev.chaos.check.CheckedProgram;
import dev.chaos.check.RunbookTargets;
import dev.chaos.config.EnvClass;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.K8sTarget;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.spi.Driver;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.LiveBinding;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a real run in an environment of class `prod` must pass before anything is touched: the
 * cluster and every target are those the config declares for it; then, unless it is a dry run
 * (which changes nothing), a notice announced 24 h ahead for this start (see
 * {@link Announcement}) and a confirmation (`--confirm prod`, or the runbook's name typed at
 * an interactive prompt). A refusal is a {@link CommandFailure}: one line, the exit code of a
 * refused run.
 */
final class ProdGates {
  /** What the run is: its program, the chosen environment, how it was asked for. */
  record Run(CheckedProgram program, LiveRequest request, String configFile, String file,
      boolean dryRun, String confirm) {}

  /** Asks a question at an interactive terminal; empty when there is none to ask. */
  @FunctionalInterface
  interface Prompt {
    Optional<String> ask(String question);

    Prompt NONE = question -> Optional.empty();
  }

  private ProdGates() {}

  /**
   * The gates of a real run started from the command line: the notice read from the cluster
   * (connected only when one is needed), the prompt at the process's terminal if it has one.
   */
  static void enforce(Run run, CliContext context) {
    ClusterNotices[] opened = new ClusterNotices[1];
    Function<String, ClusterNotices> notices = lock -> {
      if (opened[0] == null) {
        opened[0] = ClusterNotices.open(run.request().environment(), run.request().kubectl(),
            context.env());
      }
      return opened[0];
    };
    try {
      enforce(run, context.drivers().get(), terminal(), Instant.now(),
          lock -> notices.apply(lock).read(lock), lock -> notices.apply(lock).where(lock));
    } finally {
      if (opened[0] != null) {
        opened[0].close();
      }
    }
  }

  /** Asks at the terminal when stdin and stdout are one (java.io.Console), else nowhere. */
  private static Prompt terminal() {
    java.io.Console console = System.console();
    return console == null ? Prompt.NONE
        : question -> Optional.ofNullable(console.readLine("%s", question));
  }

  /**
   * @param notices the production notice of a lock, as kept in the cluster ({@code where} in
   *     messages); read only when the run needs one
   */
  static void enforce(Run run, DriverRegistry drivers, Prompt prompt, Instant now,
      Function<String, Optional<Map<String, String>>> notices, Function<String, String> where) {
    EnvironmentConfig env = run.request().environment();
    if (env.declaredClass() != EnvClass.PROD) {
      return;
    }
    ProdHeader header = ProdHeader.of(run.program());
    targets(run, env, drivers);
    if (run.dryRun()) {
      return;
    }
    announced(run, env, header, now, notices, where);
    confirmed(run, env, header, prompt);
  }

  /** The cluster's context and every target as the config declares them for the environment. */
  private static void targets(Run run, EnvironmentConfig env, DriverRegistry drivers) {
    String in = "environment `" + env.name() + "` in " + run.configFile();
    RunbookTargets targets = RunbookTargets.of(run.program());
    for (String namespace : targets.namespaces()) {
      Driver driver = drivers.driver(namespace);
      Optional<String> section = driver == null ? Optional.empty()
          : driver.live().flatMap(LiveBinding::section);
      if (section.isPresent() && env.section(section.get()).isEmpty()) {
        throw refuse("the runbook calls `" + namespace + "` but " + in + " declares no `"
            + section.get() + "` section");
      }
    }
    Optional<K8sTarget> k8s = env.kubernetes();
    KubectlFlags flags = run.request().kubectl();
    if (k8s.isEmpty()) {
      return;
    }
    K8sTarget target = k8s.get();
    for (String cluster : targets.clusters()) {
      if (!target.clusters().containsKey(cluster)) {
        throw refuse("the runbook names cluster `" + cluster + "`, which " + in
            + " does not declare" + (target.clusters().isEmpty() ? " (it declares none)"
                : " (it declares " + target.clusters().keySet().stream()
                    .map(c -> "`" + c + "`").collect(Collectors.joining(", ")) + ")"));
      }
    }
    if (target.inCluster()) {
      if (flags.context().isPresent() || flags.kubeconfig().isPresent()) {
        throw refuse("`--context`/`--kubeconfig` would replace the in-cluster account that "
            + in + " declares");
      }
      return;
    }
    if (target.context().isEmpty()) {
      throw refuse(in + " declares no `kubernetes.context`: a production run names its "
          + "cluster's context rather than take whatever the kubeconfig's current one is");
    }
    String declared = target.context().get();
    if (flags.context().isPresent() && !flags.context().get().equals(declared)) {
      throw refuse("`--context " + flags.context().get() + "` is not the context " + in
          + " declares (`" + declared + "`)");
    }
    if (flags.kubeconfig().isPresent() && !flags.kubeconfig().get().toAbsolutePath().normalize()
        .equals(target.kubeconfig().map(p -> p.toAbsolutePath().normalize()).orElse(null))) {
      throw refuse("`--kubeconfig " + flags.kubeconfig().get() + "` is not the kubeconfig "
          + in + " declares" + target.kubeconfig().map(p -> " (`" + p + "`)")
              .orElse(" (it declares none: add `kubernetes.kubeconfig` to use a file of its own)"));
    }
  }

  /** Rule 5: a notice at least 24 h ahead, and the run within its announced span. */
  private static void announced(Run run, EnvironmentConfig env, ProdHeader header, Instant now,
      Function<String, Optional<Map<String, String>>> notices, Function<String, String> where) {
    if (header.lock() == null) {
      throw refuse("a production runbook needs a literal `lock`: its notice is kept with it");
    }
    Optional<Map<String, String>> data = notices.apply(header.lock());
    if (data.isEmpty()) {
      throw refuse("it was not announced (no notice in " + where.apply(header.lock()) + "); "
          + Announcement.howTo(run.file(), env.name()));
    }
    Announcement notice;
    try {
      notice = Announcement.of(data.get(), where.apply(header.lock()));
    } catch (IllegalArgumentException e) {
      throw refuse(e.getMessage() + "; " + Announcement.howTo(run.file(), env.name()));
    }
    String why = notice.refusal(header.name(), env.name(), now);
    if (why != null) {
      throw refuse(why);
    }
  }

  /** `--confirm prod`, or the runbook's name typed at the terminal. */
  private static void confirmed(Run run, EnvironmentConfig env, ProdHeader header,
      Prompt prompt) {
    if (run.confirm() != null) {
      if (run.confirm().equals(EnvClass.PROD.text()) || run.confirm().equals(env.name())) {
        return;
      }
      throw refuse("`--confirm " + run.confirm() + "` does not confirm a production run: "
          + "pass `--confirm prod`");
    }
    Optional<String> typed = prompt.ask("This run changes production (environment `"
        + env.name() + "`). Type the runbook's name (" + header.name() + ") to go on: ");
    if (typed.isEmpty()) {
      throw refuse("a production run needs confirmation: pass `--confirm prod` (or run it "
          + "from a terminal and type the runbook's name)");
    }
    if (!typed.get().strip().equals(header.name())) {
      throw refuse("`" + typed.get().strip() + "` is not the runbook's name (`"
          + header.name() + "`)");
    }
  }

  private static CommandFailure refuse(String why) {
    return new CommandFailure("refusing to run in production: " + why);
  }
}
