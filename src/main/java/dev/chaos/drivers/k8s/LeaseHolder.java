package dev.chaos.drivers.k8s;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Who holds a Lease, as a refused run is told: the run id, runbook, host, pid and user from its
 * `HOST/PID/RUNID` identity and annotations, and since when. A Lease written otherwise (by an
 * older chaos, or by hand) is described by its identity as it stands.
 */
record LeaseHolder(String identity, String host, String pid, String runId, String runbook,
    String user, ZonedDateTime since) {

  static LeaseHolder of(Lease lease) {
    String identity = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    Map<String, String> notes = lease.getMetadata().getAnnotations() == null ? Map.of()
        : lease.getMetadata().getAnnotations();
    String[] parts = identity == null ? new String[0] : identity.split("/", -1);
    boolean ours = parts.length == 3 && !parts[0].isEmpty() && parts[1].matches("[0-9]+")
        && !parts[2].isEmpty();
    return new LeaseHolder(String.valueOf(identity), ours ? parts[0] : null,
        ours ? parts[1] : null, ours ? parts[2] : null, notes.get(LeaseLocks.RUNBOOK),
        notes.get(LeaseLocks.USER),
        lease.getSpec() == null ? null : lease.getSpec().getAcquireTime());
  }

  /** "held by run X of runbook `r` (host h, pid 42, user alice) since 2026-11-28T10:00:00Z". */
  String describe() {
    if (runId == null) {
      return "held by " + identity + " since " + LeaseLocks.seconds(since);
    }
    return "held by run " + runId + (runbook == null ? "" : " of runbook `" + runbook + "`")
        + " (host " + host + ", pid " + pid + (user == null ? "" : ", user " + user) + ") since "
        + LeaseLocks.seconds(since);
  }
}
