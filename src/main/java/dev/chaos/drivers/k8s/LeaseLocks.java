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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runbook locks as Kubernetes Leases (coordination.k8s.io/v1), one per lock name, in one
 * namespace: the lock is free when there is no Lease, or when its holder let it expire (a run
 * that died). Taking over an expired Lease replaces it at the resourceVersion that was read, so
 * of two runs racing for it one wins and the other is refused.
 */
public final class LeaseLocks implements RunLock.Store {
  private final Supplier<KubernetesClient> client;
  private final String namespace;
  private final Clock clock;

  public LeaseLocks(Supplier<KubernetesClient> client, String namespace, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
  }

  /** `llm-marketplace` -> `chaos-lock-llm-marketplace`: a valid object name for any lock name. */
  static String leaseName(String lock) {
    String cleaned = lock.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("^-+|-+$", "");
    String name = "chaos-lock-" + (cleaned.isEmpty() ? "unnamed" : cleaned);
    return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
  }

  @Override
  public RunLock take(String lock, String holder, Duration hold) throws RunLock.Refused {
    String name = leaseName(lock);
    Resource<Lease> resource;
    try {
      var leases = client.get().leases().inNamespace(namespace);
      resource = leases.withName(name);
      Lease current = resource.get();
      ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
      Lease mine = new LeaseBuilder().withNewMetadata().withName(name).withNamespace(namespace)
          .addToLabels("app.kubernetes.io/managed-by", "chaos").endMetadata()
          .withNewSpec().withHolderIdentity(holder)
          .withLeaseDurationSeconds((int) Math.min(Integer.MAX_VALUE, hold.toSeconds()))
          .withAcquireTime(now).withRenewTime(now).endSpec().build();
      if (current == null) {
        leases.resource(mine).create();
      } else if (expired(current, now)) {
        mine.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        mine.getSpec().setLeaseTransitions(transitions(current) + 1);
        // at the resourceVersion read above: a run that took it meanwhile makes this a 409
        leases.resource(mine).update();
      } else {
        throw new RunLock.Refused("held by " + current.getSpec().getHolderIdentity()
            + " since " + seconds(current.getSpec().getAcquireTime()) + " (Lease " + namespace
            + "/" + name + ", until " + seconds(expiry(current)) + ")");
      }
    } catch (K8sException e) {
      // the cluster's client could not be built: an unreadable kubeconfig, an unknown context
      throw new RunLock.Refused(e.getMessage());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new RunLock.Refused("another run took it at the same moment (Lease " + namespace
            + "/" + name + ")");
      }
      throw new RunLock.Refused("the Lease " + namespace + "/" + name + " cannot be read or "
          + "written: " + reason(e));
    }
    return () -> release(resource, holder);
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

  /** Deletes the Lease if it is still this run's; a failure leaves it to expire. */
  private static void release(Resource<Lease> resource, String holder) {
    try {
      Lease current = resource.get();
      if (current != null && holder.equals(current.getSpec().getHolderIdentity())) {
        resource.lockResourceVersion(current.getMetadata().getResourceVersion()).delete();
      }
    } catch (KubernetesClientException e) {
      // the Lease expires on its own after its duration
    }
  }

  private static String reason(KubernetesClientException e) {
    String network = FailureText.networkReason(e, Duration.ZERO);
    if (network != null) {
      return network;
    }
    String message = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
    return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + FailureText.oneLine(message);
  }

  private static String seconds(ZonedDateTime time) {
    return time == null ? "an unknown time"
        : time.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
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
