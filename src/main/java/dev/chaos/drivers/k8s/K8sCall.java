package dev.chaos.drivers.k8s;

import dev.chaos.drivers.ClockWait;
import dev.chaos.drivers.FailureText;
import dev.chaos.drivers.kube.BlastRefused;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs the blocking fabric8 work of one driver call on a worker thread while the calling thread
 * waits on the run's clock ({@link ClockWait#until}), as the Prometheus driver's DeadlineCall
 * does: a guard's interrupt stops the wait at once and the deadline bounds the whole call. An
 * abandoned call interrupts its worker, which makes fabric8 cancel the request in flight.
 */
public final class K8sCall {
  /** Blocking work on one cluster's client. */
  @FunctionalInterface
  public interface Work<T> {
    T run(KubernetesClient client) throws Exception;
  }

  private K8sCall() {}

  /**
   * The result of {@code work} on {@code cluster} of {@code clients}, or a {@link K8sException}
   * naming the cluster's server.
   *
   * @throws InterruptedException when the calling thread is interrupted; the work is abandoned
   */
  public static <T> T run(K8sClients clients, String cluster, CallContext context, Work<T> work)
      throws InterruptedException {
    return run(clients, clients.cluster(cluster), context, work);
  }

  /** As {@link #run(K8sClients, String, CallContext, Work)}, on a cluster already chosen. */
  public static <T> T run(K8sClients clients, K8sClients.Cluster cluster, CallContext context,
      Work<T> work) throws InterruptedException {
    Clock clock = context.clock();
    Instant deadline = context.deadline();
    Duration budget = ClockWait.remaining(clock, deadline);
    if (budget.isZero()) {
      throw new K8sException(cluster.label(),
          FailureText.timedOut(Duration.ZERO));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    Future<?> worker = clients.workers().submit(() -> {
      try {
        result.complete(work.run(cluster.client()));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      } finally {
        clock.signal();
      }
    });
    if (!ClockWait.until(clock, deadline, result, () -> worker.cancel(true))) {
      throw new K8sException(cluster.label(), FailureText.timedOut(budget));
    }
    return answer(result, cluster, budget);
  }

  /**
   * As {@link #run(K8sClients, K8sClients.Cluster, CallContext, Work)} for work that writes:
   * when the caller stops waiting (interrupted, or the deadline passed) the worker is not
   * cancelled but told through {@code inFlight} to write nothing more, so that the request it
   * sent ends on its own and the call's inverse can wait for it ({@link InFlight#awaitEnd}).
   */
  public static <T> T mutate(K8sClients clients, K8sClients.Cluster cluster, CallContext context,
      InFlight inFlight, Work<T> work) throws InterruptedException {
    Clock clock = context.clock();
    Instant deadline = context.deadline();
    Duration budget = ClockWait.remaining(clock, deadline);
    if (budget.isZero()) {
      throw new K8sException(cluster.label(), FailureText.timedOut(Duration.ZERO));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    inFlight.started(clients.workers().submit(() -> {
      try {
        result.complete(work.run(cluster.client()));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      } finally {
        inFlight.ended();
        clock.signal();
      }
    }));
    if (!ClockWait.until(clock, deadline, result, inFlight::abandon)) {
      throw new K8sException(cluster.label(), FailureText.timedOut(budget));
    }
    return answer(result, cluster, budget);
  }

  private static <T> T answer(CompletableFuture<T> result, K8sClients.Cluster cluster,
      Duration budget) throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof K8sException k8s) {
        throw k8s;
      }
      if (cause instanceof BlastRefused refused) {
        throw refused;
      }
      throw new K8sException(cluster.label(), describe(cause, budget));
    }
  }

  /** A one-line reason for a failure, without fabric8's request dump or a stack. */
  static String describe(Throwable failure, Duration budget) {
    String reason = FailureText.networkReason(failure, budget);
    if (reason != null) {
      return reason;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return FailureText.timedOut(budget);
      }
    }
    if (failure instanceof KubernetesClientException k && k.getCode() > 0) {
      Status status = k.getStatus();
      String message = status == null ? null : status.getMessage();
      if (message == null || message.isBlank()) {
        message = status == null || status.getReason() == null ? "" : status.getReason();
      }
      return "HTTP " + k.getCode() + (message.isBlank() ? "" : ": " + FailureText.oneLine(message));
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : FailureText.oneLine(message);
  }
}
