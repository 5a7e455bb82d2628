package dev.chaos.drivers.k8s;

import dev.chaos.drivers.FailureText;
import dev.chaos.spi.RunLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runbook locks as Kubernetes Leases (coordination.k8s.io/v1), one per lock name, in one
 * namespace: the lock is free when there is no Lease, or when its holder let it expire (a run
 * that died). A held Lease lasts a short {@code duration} and is renewed while the run lasts
 * ({@link LeaseRenewal}), so a run that dies frees it soon and a long run never loses it. Every
 * write is at the resourceVersion that was read, so of two runs racing for it one wins and the
 * other is refused.
 */
public final class LeaseLocks implements RunLock.Store {
  /** The Lease's annotations: what a refused run, `chaos recover` and an SRE read. */
  public static final String RUNBOOK = "chaos.dev/runbook";
  public static final String USER = "chaos.dev/user";
  public static final String JOURNAL = "chaos.dev/journal";
  public static final String STARTED = "chaos.dev/started";

  private final Supplier<KubernetesClient> client;
  private final String namespace;
  private final Clock clock;
  private final Duration duration;

  public LeaseLocks(Supplier<KubernetesClient> client, String namespace, Clock clock,
      Duration duration) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
    this.duration = duration;
  }

  /** `llm-marketplace` -> `chaos-lock-llm-marketplace`: a valid object name for any lock name. */
  public static String leaseName(String lock) {
    return objectName("chaos-lock-", lock);
  }

  /** {@code prefix} + the lock name cleaned into a valid object name of at most 63 characters. */
  static String objectName(String prefix, String lock) {
    String cleaned = lock.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("^-+|-+$", "");
    String name = prefix + (cleaned.isEmpty() ? "unnamed" : cleaned);
    return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
  }

  @Override
  public RunLock take(String lock, RunLock.Holder holder, Consumer<String> lost)
      throws RunLock.Refused {
    String name = leaseName(lock);
    String where = "Lease " + namespace + "/" + name;
    Resource<Lease> resource;
    ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
    try {
      var leases = client.get().leases().inNamespace(namespace);
      resource = leases.withName(name);
      Lease current = resource.get();
      Lease mine = new LeaseBuilder().withNewMetadata().withName(name).withNamespace(namespace)
          .addToLabels("app.kubernetes.io/managed-by", "chaos")
          .addToAnnotations(annotations(holder)).endMetadata()
          .withNewSpec().withHolderIdentity(holder.identity())
          .withLeaseDurationSeconds((int) Math.max(1, duration.toSeconds()))
          .withAcquireTime(now).withRenewTime(now).endSpec().build();
      if (current == null) {
        leases.resource(mine).create();
      } else if (expired(current, now)) {
        mine.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        mine.getSpec().setLeaseTransitions(transitions(current) + 1);
        // at the resourceVersion read above: a run that took it meanwhile makes this a 409
        leases.resource(mine).update();
      } else {
        throw heldBy(current, where);
      }
    } catch (K8sException e) {
      // the cluster's client could not be built: an unreadable kubeconfig, an unknown context
      throw new RunLock.Refused(e.getMessage());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw raced(name, where);
      }
      throw new RunLock.Refused("the " + where + " cannot be read or written: " + reason(e));
    }
    LeaseRenewal renewal = new LeaseRenewal(() -> renew(resource, holder.identity(), where),
        clock, duration, now.toInstant(), why -> lost.accept(why + " (" + where + ")"));
    renewal.start(name);
    return () -> {
      renewal.stop();
      release(resource, holder.identity(), lock, where, renewal.renewed());
    };
  }

  /** "held by run X ... since T (Lease ns/name, renewed T)": who a refused run waits for. */
  private static RunLock.Refused heldBy(Lease current, String where) {
    return new RunLock.Refused(LeaseHolder.of(current).describe() + " (" + where
        + ", renewed " + seconds(current.getSpec().getRenewTime()) + ")");
  }

  /**
   * Our create or takeover lost to another run's write between our read and our write (409):
   * the Lease is read again so that the refusal names the winner as a plain refusal would.
   */
  private RunLock.Refused raced(String name, String where) {
    try {
      Lease winner = client.get().leases().inNamespace(namespace).withName(name).get();
      if (winner != null && winner.getSpec() != null
          && winner.getSpec().getHolderIdentity() != null) {
        return heldBy(winner, where);
      }
      return new RunLock.Refused("another run wrote the " + where + " at the same moment"
          + (winner == null ? " and it is gone again" : " without a holder"));
    } catch (KubernetesClientException e) {
      return new RunLock.Refused("another run wrote the " + where + " at the same moment, "
          + "and it cannot be read again: " + reason(e));
    }
  }

  private static Map<String, String> annotations(RunLock.Holder holder) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(RUNBOOK, holder.runbook());
    out.put(USER, holder.user());
    if (holder.journal() != null) {
      out.put(JOURNAL, holder.journal());
    }
    out.put(STARTED, holder.started().truncatedTo(ChronoUnit.SECONDS).toString());
    return out;
  }

  /** Moves the renew time on, at the resourceVersion read, if the Lease is still ours. */
  private void renew(Resource<Lease> resource, String identity, String where)
      throws LeaseRenewal.Gone {
    Lease current;
    try {
      current = resource.get();
    } catch (KubernetesClientException e) {
      throw new IllegalStateException("the " + where + " cannot be read: " + reason(e));
    }
    if (current == null) {
      throw new LeaseRenewal.Gone("the Lease was deleted");
    }
    String now = current.getSpec() == null ? null : current.getSpec().getHolderIdentity();
    if (!identity.equals(now)) {
      throw new LeaseRenewal.Gone("the Lease is now " + LeaseHolder.of(current).describe());
    }
    current.getSpec().setRenewTime(ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC));
    try {
      // update() writes at current's resourceVersion: a 409 when someone wrote it since the read
      client.get().leases().inNamespace(namespace).resource(current).update();
    } catch (KubernetesClientException e) {
      // the next attempt reads it again
      throw new IllegalStateException("the " + where + " cannot be renewed: " + reason(e));
    }
  }

  /** The annotation naming the journal of the run that holds a Lease. */
  public static final String JOURNAL_ANNOTATION = "chaos.dev/journal";
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  @Override
  public java.util.Optional<RunLock.Held> held(String lock) {
    Lease current = client.get().leases().inNamespace(namespace).withName(leaseName(lock)).get();
    return current == null ? java.util.Optional.empty()
        : java.util.Optional.of(held(current, ZonedDateTime.now(clock)));
  }

  /**
   * Deletes the Lease of {@code lock} when {@code mine} says it is the dead run's, at the
   * resourceVersion read: a run that took it over meanwhile keeps it.
   */
  @Override
  public java.util.Optional<RunLock.Held> releaseIf(String lock,
      java.util.function.Predicate<RunLock.Held> mine) {
    Resource<Lease> resource = client.get().leases().inNamespace(namespace)
        .withName(leaseName(lock));
    Lease current = resource.get();
    if (current == null) {
      return java.util.Optional.empty();
    }
    RunLock.Held held = held(current, ZonedDateTime.now(clock));
    if (!mine.test(held)) {
      return java.util.Optional.empty();
    }
    resource.lockResourceVersion(current.getMetadata().getResourceVersion()).delete();
    return java.util.Optional.of(held);
  }

  /** Every Lease labelled as chaos's in the lock namespace, deleted. */
  @Override
  public java.util.List<RunLock.Held> releaseAll() {
    java.util.List<RunLock.Held> released = new java.util.ArrayList<>();
    ZonedDateTime now = ZonedDateTime.now(clock);
    for (Lease lease : client.get().leases().inNamespace(namespace)
        .withLabel(MANAGED_BY, "chaos").list().getItems()) {
      var labels = lease.getMetadata().getLabels();
      if (labels == null || !"chaos".equals(labels.get(MANAGED_BY))) {
        continue; // a server that ignores the selector
      }
      client.get().leases().inNamespace(namespace).withName(lease.getMetadata().getName())
          .delete();
      released.add(held(lease, now));
    }
    return released;
  }

  private RunLock.Held held(Lease lease, ZonedDateTime now) {
    var annotations = lease.getMetadata().getAnnotations();
    ZonedDateTime until = expiry(lease);
    return new RunLock.Held(lease.getMetadata().getName(),
        lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity(),
        until == null ? null : until.toInstant(), expired(lease, now),
        annotations == null ? null : annotations.get(JOURNAL_ANNOTATION),
        "Lease " + namespace + "/" + lease.getMetadata().getName());
  }

  /**
   * Deletes the Lease if it is still this run's (a Lease lost to another run was reported when
   * it was lost). A failure leaves it to expire, one duration after its last renewal, and says so.
   */
  private void release(Resource<Lease> resource, String identity, String lock, String where,
      Instant renewed) throws RunLock.NotReleased {
    Lease current = null;
    try {
      current = resource.get();
      if (current != null && current.getSpec() != null
          && identity.equals(current.getSpec().getHolderIdentity())) {
        resource.lockResourceVersion(current.getMetadata().getResourceVersion()).delete();
      }
    } catch (KubernetesClientException e) {
      ZonedDateTime read = current == null ? null : expiry(current);
      Instant expires = read != null ? read.toInstant() : renewed.plus(duration);
      throw new RunLock.NotReleased("could not release the lock `" + lock + "` (" + where
          + "): " + reason(e) + "; it expires at " + seconds(expires));
    }
  }

  static String reason(KubernetesClientException e) {
    String network = FailureText.networkReason(e, Duration.ZERO);
    if (network != null) {
      return network;
    }
    String message = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
    return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + FailureText.oneLine(message);
  }

  static String seconds(ZonedDateTime time) {
    return time == null ? "at an unknown time" : seconds(time.toInstant());
  }

  static String seconds(Instant time) {
    return time.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static boolean expired(Lease lease, ZonedDateTime now) {
    ZonedDateTime until = expiry(lease);
    return until == null || !until.isAfter(now);
  }

  /** Null when the Lease has no holder or no time: nobody holds it. */
  private static ZonedDateTime expiry(Lease lease) {
    var spec = lease.getSpec();
    if (spec == null || spec.getHolderIdentity() == null || spec.getLeaseDurationSeconds() == null) {
      return null;
    }
    ZonedDateTime renewed = spec.getRenewTime() != null ? spec.getRenewTime()
        : spec.getAcquireTime();
    return renewed == null ? null : renewed.plusSeconds(spec.getLeaseDurationSeconds());
  }

  private static int transitions(Lease lease) {
    Integer n = lease.getSpec() == null ? null : lease.getSpec().getLeaseTransitions();
    return n == null ? 0 : n;
  }
}
