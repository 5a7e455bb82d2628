package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.AlertSpec;
import dev.chaos.drivers.sandbox.WorldSpec.FaultSpec;
import dev.chaos.drivers.sandbox.WorldSpec.SeriesSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus of the world, one method per function of the `prometheus` signature table. A
 * series is a level (its `before`, `during` or `after` value, by where the world stands with
 * its chaos), plus what the world adds (pods down, active chaos objects, a Redis failover,
 * exhausted connections), then the world file's faults. Alert rules are evaluated on every
 * tick, as Prometheus evaluates them, pending until they have held for their `for`.
 */
public final class PromWorld {
  private final World world;
  /** When each alert rule's condition started to hold, by rule; absent while it does not. */
  private final Map<AlertSpec, Instant> activeSince = new HashMap<>();
  private Instant lastEvaluation;

  PromWorld(World world) {
    this.world = world;
  }

  /** The value of a query naming one series; no data is an error. */
  public double scalar(String query) {
    return world.read(now -> {
      requireUp(now);
      SeriesSpec series = world.spec().series().get(query.trim());
      if (series == null) {
        throw new SandboxException("no data for `" + query.trim() + "`: the sandbox world has"
            + " the series " + String.join(", ", world.spec().series().keySet())
            + "; add it under `series` in the world file");
      }
      return valueAt(series.name(), now);
    });
  }

  /** Every series of the query with its labels; no data is an empty list. */
  public List<Results.Sample> vector(String query) {
    return world.read(now -> {
      requireUp(now);
      SeriesSpec series = world.spec().series().get(query.trim());
      if (series == null) {
        return List.of();
      }
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("__name__", series.name());
      labels.putAll(series.labels());
      return List.of(new Results.Sample(labels, valueAt(series.name(), now)));
    });
  }

  /**
   * Alerts as `ALERTS` lists them: by severity (null: any) and state (`firing`, `pending` or
   * `any`).
   */
  public List<Results.Alert> alerts(String severity, String state) {
    return world.read(now -> {
      requireUp(now);
      List<Results.Alert> out = new ArrayList<>();
      for (AlertSpec rule : world.spec().alerts()) {
        Instant since = activeSince.get(rule);
        if (since == null || (severity != null && !severity.equals(rule.severity()))) {
          continue;
        }
        boolean firing = lastEvaluation != null
            && !since.plus(rule.forDuration()).isAfter(lastEvaluation);
        String ruleState = firing ? "firing" : "pending";
        if (state.equals("any") || state.equals(ruleState)) {
          Map<String, String> labels = new LinkedHashMap<>();
          labels.put("alertname", rule.name());
          labels.put("severity", rule.severity());
          labels.putAll(rule.labels());
          out.add(new Results.Alert(rule.name(), rule.severity(), ruleState, labels));
        }
      }
      return out;
    });
  }

  /** False while a `down: prometheus` fault holds, rather than an error. */
  public boolean ready() {
    return world.read(now -> !world.down("prometheus", now));
  }

  // ---- inside the world ------------------------------------------------------------------

  /** The value of a series at {@code t}, as the world makes it. */
  double valueAt(String name, Instant t) {
    SeriesSpec series = world.spec().series().get(name);
    if (series == null) {
      throw new SandboxException("the sandbox world has no series `" + name + "`");
    }
    double value;
    if (series.derive() != null) {
      value = world.services().any() ? world.services().derivedAt(series.derive(), t) : 0;
    } else {
      value = switch (world.phaseAt(t)) {
        case BEFORE -> series.before();
        case DURING -> series.during();
        case AFTER -> series.after();
      };
      value += world.contributionTo(name, t);
    }
    if (series.unit() == SeriesUnit.RATIO && world.services().any()) {
      value = Math.max(0, Math.min(1, value)); // a share of requests is never past 100%
    }
    for (FaultSpec fault : world.spec().faults()) {
      if (name.equals(fault.series()) && world.faultActiveAt(fault, t)) {
        value = fault.value() != null ? fault.value() : value + fault.add();
      }
    }
    return value;
  }

  void tick(Instant t) {
    if (world.down("prometheus", t)) {
      return;
    }
    for (AlertSpec rule : world.spec().alerts()) {
      if (valueAt(rule.series(), t) > rule.above()) {
        activeSince.putIfAbsent(rule, t);
      } else {
        activeSince.remove(rule);
      }
    }
    lastEvaluation = t;
  }

  private void requireUp(Instant now) {
    if (world.down("prometheus", now)) {
      throw new SandboxException("prometheus is not answering (a `down: prometheus` fault of"
          + " the world)");
    }
  }
}
