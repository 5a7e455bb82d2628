package dev.chaos.cli;

import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.K8sTarget;
import dev.chaos.config.KubeConventions;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.config.NotifyTarget;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.k8s.K8sClients;
import dev.chaos.drivers.k8s.RunRecords;
import dev.chaos.drivers.notify.NotifyPost;
import dev.chaos.runtime.RunResult;
import dev.chaos.types.ValueFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished real run leaves for the team beyond its run folder: a record in the
 * environment's cluster (the cluster of its locks, whichever cluster the runner is in; see
 * {@link RunRecords}) and, with `--notify-report`, the same summary posted to the `notify`
 * webhook. Neither changes the run's exit code: a run that passed did pass even when its
 * record could not be written, and each failure is a warning naming what was not kept.
 */
final class RunRecord {
  private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);

  private RunRecord() {}

  /** The summary of a run: the fields of its record, of the notice and of `chaos runs`. */
  static Map<String, String> summary(RunResult r, String environment, RunFolder folder,
      int exitCode, Instant wallStart) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("runbook", r.header().name());
    data.put("title", r.header().title());
    data.put("environment", environment);
    data.put("run_id", r.header().runId());
    data.put(RunRecords.STARTED, wallStart.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString());
    data.put("duration", ValueFormat.duration(r.duration()));
    data.put("outcome", r.outcome().label());
    data.put("exit_code", Integer.toString(exitCode));
    if (r.recovery().recovered()) {
      data.put("recovery", ValueFormat.duration(r.recovery().time()));
    }
    data.put("dry_run", Boolean.toString(r.dryRun()));
    data.put("host", host());
    data.put("report", folder.report().toAbsolutePath().normalize().toString());
    return data;
  }

  /** Writes the record and, when asked, posts the notice; warnings go to stderr. */
  static void leave(CliContext context, LiveRequest request, Map<String, String> summary,
      boolean notify) {
    EnvironmentConfig environment = request.environment();
    if (environment.kubernetes().isPresent()) {
      try {
        write(environment.kubernetes().get(), request.kubectl(), summary);
      } catch (IOException | RuntimeException e) {
        context.err().println("warning: the run's record was not written: " + e.getMessage());
      }
    }
    if (notify) {
      try {
        NotifyTarget target = environment.requireNotify();
        NotifyPost.post(target.webhook(), Secrets.system().resolve(target.token()),
            notice(summary), POST_TIMEOUT);
      } catch (ConfigException e) {
        context.err().println("warning: `--notify-report`: " + e.getMessage());
      } catch (IOException e) {
        context.err().println("warning: the report was not sent: " + e.getMessage());
      }
    }
    context.err().flush();
  }

  /** To the environment's cluster, chosen as its locks' is (kubectl's rules, or in-cluster). */
  private static void write(K8sTarget target, KubectlFlags flags, Map<String, String> summary)
      throws IOException {
    try (K8sClients clients = K8sClients.connect(KubeConventions.choose(flags.kubeconfig(),
        flags.context(), target, System.getenv(), Path.of(System.getProperty("user.home"))),
        Map.of())) {
      new RunRecords(clients.cluster("").client(), target.lockNamespace()).write(
          summary.get("run_id"), summary.get("runbook"), summary, Instant.now(),
          target.runRecordsMaxAge());
    }
  }

  /** The notice: a `text` line for a chat channel, then every field for a machine. */
  static Map<String, String> notice(Map<String, String> summary) {
    Map<String, String> message = new LinkedHashMap<>();
    message.put("text", "Chaos run " + summary.get("run_id") + " of runbook "
        + summary.get("runbook") + " in " + summary.get("environment") + ": "
        + summary.get("outcome") + " (exit " + summary.get("exit_code") + ")"
        + (summary.containsKey("recovery") ? ", recovered in " + summary.get("recovery") : "")
        + "; report " + summary.get("host") + ":" + summary.get("report"));
    message.putAll(summary);
    return message;
  }

  private static String host() {
    String pod = System.getenv("HOSTNAME");
    if (pod != null && !pod.isBlank()) {
      return pod; // in a pod, the pod's name
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
