package dev.chaos.cli;

import dev.chaos.config.ConfigException;
import dev.chaos.config.K8sTarget;
import dev.chaos.config.LiveRequest;
import dev.chaos.config.NotifyTarget;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.k8s.K8sClients;
import dev.chaos.drivers.k8s.RunRecords;
import dev.chaos.drivers.notify.NotifyPost;
import dev.chaos.runtime.RunResult;
import dev.chaos.spi.Backend;
import dev.chaos.types.ValueFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished real run leaves for the team beyond its run folder: a record in the
 * environment's cluster (the cluster of its locks, whichever cluster the runner is in; see
 * {@link RunRecords}) and, with `--notify-report`, the same summary posted to the `notify`
 * webhook. Neither changes the run's exit code: a run that passed did pass even when its
 * record could not be written, and each failure is a warning naming what was not kept.
 */
final class RunRecord {
  private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);
  /** How long writing the record (and pruning old ones) may take after the run. */
  static final Duration RECORD_DEADLINE = Duration.ofSeconds(10);

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

  /**
   * Writes the record into the environment's cluster through the run's own clients (the
   * cluster of its locks, chosen by kubectl's rules or in-cluster), before they are closed;
   * a failure is a warning on stderr.
   */
  static void record(CliContext context, LiveRequest request, Map<String, String> summary,
      Backend backend) {
    Optional<K8sTarget> target = request.environment().kubernetes();
    if (target.isEmpty()) {
      return; // nowhere to keep it: the run folder is the record
    }
    // on a thread of its own with a deadline: an API that stopped answering (the very fault a
    // run may have met) must not hold the run's exit for the client's request timeouts
    java.util.concurrent.FutureTask<Void> write = new java.util.concurrent.FutureTask<>(() -> {
      K8sClients clients = backend.service(K8sClients.class);
      new RunRecords(clients.cluster("").client(), target.get().lockNamespace()).write(
          summary.get("run_id"), summary.get("runbook"), summary, Instant.now(),
          target.get().runRecordsMaxAge());
      return null;
    });
    Thread thread = new Thread(write, "run-record");
    thread.setDaemon(true);
    thread.start();
    try {
      write.get(RECORD_DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      write.cancel(true);
      context.err().println("warning: the run's record was not written: the cluster did not "
          + "answer within " + ValueFormat.duration(RECORD_DEADLINE));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      context.err().println("warning: the run's record was not written: interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      context.err().println("warning: the run's record was not written: "
          + e.getCause().getMessage());
    }
    context.err().flush();
  }

  /** `--notify-report`: the summary posted to the `notify` webhook; a failure is a warning. */
  static void notify(CliContext context, LiveRequest request, Map<String, String> summary) {
    try {
      NotifyTarget target = request.environment().requireNotify();
      NotifyPost.post(target.webhook(), Secrets.system().resolve(target.token()),
          notice(summary), POST_TIMEOUT);
    } catch (ConfigException e) {
      context.err().println("warning: `--notify-report`: " + e.getMessage());
    } catch (IOException e) {
      context.err().println("warning: the report was not sent: " + e.getMessage());
    }
    context.err().flush();
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
