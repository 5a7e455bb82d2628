package dev.chaos.drivers.kube;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one Chaos Mesh (or Litmus) chaos does, read from its manifest without any server by
 * {@link ChaosInjections}: the same reading for the live drivers, the sandbox and the lab, so a
 * rehearsal and a real run agree on targets, sizes and durations.
 *
 * @param subject names it in messages: "NetworkChaos `x`", "Schedule `s` (PodChaos)",
 *     "Workflow `w`, template `t` (StressChaos)"
 * @param kind the Chaos Mesh kind that acts (`PodChaos`, ...; a Schedule's or Workflow's
 *     embedded kind), or `ChaosEngine` for Litmus
 * @param action `spec.action` (`pod-kill`, `delay`, ...), `stress` for a StressChaos,
 *     `time-offset` for a TimeChaos, `kernel-fault` for a KernelChaos, the experiment's name for
 *     Litmus
 * @param selection the pods it picks and how many of them; null when it picks no pods (a
 *     PhysicalMachineChaos picks machines, the cloud kinds cloud instances)
 * @param duration how long it acts once started (`spec.duration`, a Workflow template's
 *     `deadline`); null: until the object is deleted. A one-shot action (pod-kill,
 *     container-kill) acts once, when it starts
 * @param timing when it starts, relative to the object's creation
 * @param remoteCluster `spec.remoteCluster`: the cluster it acts on, "" for the one it is in
 * @param network the sizes of a NetworkChaos; null for other kinds
 * @param stress the sizes of a StressChaos; null for other kinds
 * @param containerNames `spec.containerNames`: the containers it acts on ([] for all)
 * @param gracePeriod a pod-kill's `gracePeriod`
 * @param details the other fields read, by their path (`delay`, `percent`, `errno`,
 *     `timeOffset`, `patterns`, ...), as text for reports
 */
public record ChaosInjection(String subject, String kind, String action,
    ChaosSelection selection, Duration duration, Timing timing, String remoteCluster,
    Network network, Stress stress, List<String> containerNames, Duration gracePeriod,
    Map<String, String> details) {
  public ChaosInjection {
    containerNames = List.copyOf(containerNames);
    details = Map.copyOf(details);
  }

  /**
   * When it starts: {@code startAfter} the object was created (a Workflow's serial steps), then,
   * for a Schedule, at each time of {@code schedule} (`@every 5s`, a cron line);
   * {@code concurrencyPolicy} `Forbid` skips a time while the previous run still acts, and
   * {@code scheduleFor} (a Workflow Schedule template's `deadline`; null: as long as the object
   * exists) ends the schedule that long after it started. {@code condition} is non-empty when
   * it runs only if something the manifest cannot tell holds (a Workflow Task's branch on its
   * container's output).
   */
  public record Timing(Duration startAfter, String schedule, String concurrencyPolicy,
      Duration scheduleFor, String condition) {
    public static final Timing NOW = new Timing(Duration.ZERO, "", "", null, "");

    public Timing after(Duration offset) {
      return new Timing(startAfter.plus(offset), schedule, concurrencyPolicy, scheduleFor,
          condition);
    }
  }

  /**
   * A NetworkChaos: netem's `delay` (`latency`, `jitter`, `correlation`), `loss`, `duplicate`,
   * `corrupt` (percentages), the `bandwidth` `rate` (0: no limit), whether it is a `partition`;
   * between the selected pods and, when given, the pods of {@code target} (in
   * {@code direction}: `to`, `from`, `both`) or the {@code externalTargets}.
   */
  public record Network(Duration latency, Duration jitter, double correlation,
      double lossPercent, double duplicatePercent, double corruptPercent,
      long rateBitsPerSecond, boolean partition, String direction, ChaosSelection target,
      List<String> externalTargets) {
    public Network {
      externalTargets = List.copyOf(externalTargets);
    }
  }

  /**
   * A StressChaos: {@code cpuWorkers} workers each loading a CPU to {@code cpuLoad}%, and
   * {@code memoryWorkers} workers each taking {@code memoryBytes} (or {@code memoryPercent}% of
   * the memory there is, when the size is a percentage; 0 otherwise).
   */
  public record Stress(int cpuWorkers, int cpuLoad, int memoryWorkers, long memoryBytes,
      double memoryPercent) {
    /** The cores the CPU workers keep busy. */
    public double cpuCores() {
      return cpuWorkers * cpuLoad / 100.0;
    }
  }

  /** Whether it acts once when it starts (a kill) rather than for a while. */
  public boolean oneShot() {
    return action.equals("pod-kill") || action.equals("container-kill")
        || action.equals("pod-delete");
  }
}
