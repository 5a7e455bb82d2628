package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.FaultSpec;
import dev.chaos.drivers.sandbox.WorldSpec.RegionSpec;
import dev.chaos.drivers.sandbox.WorldSpec.TrafficSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regions of the world and the DNS/load balancer record in front of them. The record
 * points at one region; a runbook's program or POST switches it, and clients follow over the
 * record's {@code switch_time}. The first region's database is the primary; the others
 * replicate from it and become the primary only when a program or POST promotes one. A
 * region is down while a `down: region:NAME` fault holds or a chaos object of one of its
 * `fails_with` kinds is active; everything in its cluster is down with it.
 */
final class Regions {
  private record Switch(Instant at, String to) {}

  private record Promotion(Instant at, String region) {}

  private final World world;
  private final TrafficSpec spec;
  private final List<Switch> switches = new ArrayList<>();
  private final List<Promotion> promotions = new ArrayList<>();

  Regions(World world) {
    this.world = world;
    this.spec = world.spec().traffic();
    if (!spec.regions().isEmpty()) {
      switches.add(new Switch(world.start(), spec.to()));
    }
  }

  boolean any() {
    return !spec.regions().isEmpty();
  }

  /** Points the record at {@code region} from {@code now}. */
  void switchTo(String region, Instant now) {
    switches.add(new Switch(now, region));
  }

  /** Makes {@code region}'s database the writable primary from {@code now}. */
  void promote(String region, Instant now) {
    if (!region.equals(primaryAt(now))) {
      promotions.add(new Promotion(now, region));
    }
  }

  /** The share of the users' traffic each region receives at {@code t}. */
  Map<String, Double> trafficAt(Instant t) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (Switch s : switches) {
      if (t.isBefore(s.at())) {
        break;
      }
      // the record points at its first region from the start
      double moved = s == switches.get(0) || spec.switchTime().isZero() ? 1 : Math.min(1,
          (double) Duration.between(s.at(), t).toNanos() / spec.switchTime().toNanos());
      weights.replaceAll((r, w) -> w * (1 - moved));
      weights.merge(s.to(), moved, Double::sum);
    }
    return weights;
  }

  /** The region of a cluster ("" is the default cluster); null when it is in none. */
  String regionOf(String cluster) {
    for (RegionSpec r : spec.regions().values()) {
      if (r.cluster().equals(cluster)) {
        return r.name();
      }
    }
    return null;
  }

  boolean clusterDownAt(String cluster, Instant t) {
    String region = regionOf(cluster);
    return region != null && downAt(region, t);
  }

  boolean downAt(String region, Instant t) {
    if (world.down("region:" + region, t)) {
      return true;
    }
    List<String> kinds = spec.regions().get(region).failsWith();
    for (RegionSpec r : spec.regions().values()) {
      for (ChaosObject c : world.k8s(r.cluster()).chaosObjects()) {
        if (fails(kinds, c) && c.activeAt(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a chaos object is one of `fails_with`: `KIND`, or `KIND/NAME-PREFIX`. */
  private static boolean fails(List<String> kinds, ChaosObject c) {
    for (String k : kinds) {
      int slash = k.indexOf('/');
      if (slash < 0 ? k.equals(c.kind)
          : k.substring(0, slash).equals(c.kind) && c.name.startsWith(k.substring(slash + 1))) {
        return true;
      }
    }
    return false;
  }

  /** The region whose database takes writes at {@code t}. */
  String primaryAt(Instant t) {
    String primary = spec.regions().keySet().iterator().next();
    for (Promotion p : promotions) {
      if (!t.isBefore(p.at())) {
        primary = p.region();
      }
    }
    return primary;
  }

  /**
   * When the first region's database stopped replicating at or before {@code t}: the first
   * instant its region was down; null while it never was. A failback (the first region
   * promoted again after another was) re-seeds the standby from it, as a DR tool's failback
   * does before it switches: replication resumes then, and only later failures count.
   */
  Instant primaryFailedAt(Instant t) {
    String first = spec.regions().keySet().iterator().next();
    Instant since = null;
    for (Promotion p : promotions) {
      if (!t.isBefore(p.at()) && p.region().equals(first)) {
        since = p.at();
      }
    }
    Instant failed = null;
    for (FaultSpec f : world.spec().faults()) {
      if (("region:" + first).equals(f.down())) {
        Instant from = world.faultStart(f);
        if (from != null && !from.isAfter(t) && (since == null || !from.isBefore(since))
            && (failed == null || from.isBefore(failed))) {
          failed = from;
        }
      }
    }
    List<String> kinds = spec.regions().get(first).failsWith();
    for (RegionSpec r : spec.regions().values()) {
      for (ChaosObject c : world.k8s(r.cluster()).chaosObjects()) {
        if (fails(kinds, c) && !c.appliedAt.isAfter(t)
            && (since == null || !c.appliedAt.isBefore(since))
            && (failed == null || c.appliedAt.isBefore(failed))) {
          failed = c.appliedAt;
        }
      }
    }
    for (Promotion p : promotions) {
      // a promotion ends replication from the old primary too
      if (!p.region().equals(first) && !p.at().isAfter(t)
          && (since == null || !p.at().isBefore(since))
          && (failed == null || p.at().isBefore(failed))) {
        failed = p.at();
      }
    }
    return failed;
  }
}
