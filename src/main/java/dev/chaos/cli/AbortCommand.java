package dev.chaos.cli;

import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.K8sTarget;
import dev.chaos.drivers.k8s.ChaosSweep;
import dev.chaos.drivers.k8s.K8sClients;
import dev.chaos.spi.Backend;
import dev.chaos.spi.RunLock;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * `chaos abort`: the emergency stop. In the environment's chaos namespaces it deletes every
 * chaos object of the kinds chaos knows and terminates the Argo workflows that still run, then
 * releases the locks of chaos runs, checks that nothing remains, and says what it removed.
 * Running it again finds nothing to do.
 */
final class AbortCommand implements Callable<Integer> {
  /** How long deleted objects may take to go (a Chaos Mesh finalizer recovers the chaos first). */
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private final CliContext context;
  private CommandSpec spec;

  private AbortCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    AbortCommand command = new AbortCommand(context);
    CommandSpec spec = Specs.command("abort", command,
        "Emergency stop: delete every chaos object (Chaos Mesh kinds, Litmus ChaosEngine) in "
            + "the environment's chaos namespaces, terminate the Argo workflows there, release "
            + "the chaos locks, and check that nothing remains.",
        "Safe to run twice: the second finds nothing to do. A run in progress sees its "
            + "objects go; `chaos recover` finishes a run whose runner died.");
    spec.addOption(Specs.option(Path.class, "FILE",
        "The config file (default: chaos.yaml here; see docs/configuration.md)", "--config"));
    spec.addOption(Specs.option(String.class, "NAME",
        "The environment of the config file (default: its only one)", "--env"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    ParseResult parsed = spec.commandLine().getParseResult();
    EnvironmentConfig environment = LiveEnvironment.choose(context,
        parsed.matchedOptionValue("--config", null), parsed.matchedOptionValue("--env", null));
    K8sTarget target;
    try {
      target = environment.requireKubernetes();
    } catch (ConfigException e) {
      throw new CommandFailure(e.getMessage());
    }
    PrintWriter out = context.out();
    try (Backend backend = LiveEnvironment.open(context, environment, Path.of(""))) {
      KubernetesClient client;
      try {
        client = backend.service(K8sClients.class).cluster("").client();
      } catch (Exception e) {
        throw new CommandFailure("cannot reach the cluster of environment `"
            + environment.name() + "`: " + e.getMessage());
      }
      List<String> namespaces = namespaces(target, client);
      out.println("abort in environment `" + environment.name() + "`, namespaces "
          + String.join(", ", namespaces) + (target.chaosNamespaces().isEmpty()
              ? " (set kubernetes.chaos_namespaces to choose)" : ""));
      List<ChaosSweep.Action> actions = ChaosSweep.sweep(client, namespaces);
      actions.forEach(a -> out.println("  " + a.what() + " " + a.object()));
      List<RunLock.Held> released = backend.service(RunLock.Store.class).releaseAll();
      released.forEach(h -> out.println("  released the lock " + h.where() + " (held by "
          + h.holder() + ")"));
      List<String> remaining = settle(client, namespaces);
      if (actions.isEmpty() && released.isEmpty() && remaining.isEmpty()) {
        out.println("nothing to do: no chaos objects, running workflows or chaos locks");
        out.flush();
        return ExitCodes.OK;
      }
      long deleted = actions.stream().filter(a -> a.what().equals("deleted")).count();
      out.println("removed " + deleted + " chaos object" + (deleted == 1 ? "" : "s")
          + ", terminated " + (actions.size() - deleted) + " workflow"
          + (actions.size() - deleted == 1 ? "" : "s") + ", released " + released.size()
          + " lock" + (released.size() == 1 ? "" : "s"));
      if (remaining.isEmpty()) {
        out.println("nothing remains");
        out.flush();
        return ExitCodes.OK;
      }
      out.println("STILL PRESENT after " + SETTLE.toSeconds() + "s (remove by hand):");
      remaining.forEach(r -> out.println("  - " + r));
      out.println("exit " + ExitCodes.UNDO_FAILED);
      out.flush();
      return ExitCodes.UNDO_FAILED;
    }
  }

  /** The configured chaos namespaces; without them, the context's and the locks' namespace. */
  private static List<String> namespaces(K8sTarget target, KubernetesClient client) {
    if (!target.chaosNamespaces().isEmpty()) {
      return target.chaosNamespaces();
    }
    LinkedHashSet<String> chosen = new LinkedHashSet<>();
    String own = client.getNamespace();
    chosen.add(own == null || own.isEmpty() ? "default" : own);
    chosen.add(target.lockNamespace());
    return new ArrayList<>(chosen);
  }

  /** What remains once deleted objects had {@link #SETTLE} to go. */
  private static List<String> settle(KubernetesClient client, List<String> namespaces)
      throws InterruptedException {
    Instant giveUp = Instant.now().plus(SETTLE);
    List<String> remaining = ChaosSweep.remaining(client, namespaces);
    while (!remaining.isEmpty() && Instant.now().isBefore(giveUp)) {
      Thread.sleep(500);
      remaining = ChaosSweep.remaining(client, namespaces);
    }
    return remaining;
  }
}
