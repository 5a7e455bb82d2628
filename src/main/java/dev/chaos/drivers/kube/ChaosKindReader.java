package dev.chaos.drivers.kube;

import static dev.chaos.drivers.kube.SpecFields.copy;
import static dev.chaos.drivers.kube.SpecFields.goDuration;
import static dev.chaos.drivers.kube.SpecFields.oneOf;
import static dev.chaos.drivers.kube.SpecFields.optionalDuration;
import static dev.chaos.drivers.kube.SpecFields.strings;
import static dev.chaos.drivers.kube.SpecFields.whole;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosInjection.Network;
import dev.chaos.drivers.kube.ChaosInjection.Stress;
import dev.chaos.drivers.kube.ChaosInjection.Timing;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One chaos object of a kind Chaos Mesh runs, read as its webhook reads it: the pods it
 * selects, how long it lasts, and what it does, by kind. A NetworkChaos and a StressChaos have
 * readers of their own ({@link NetworkChaosReader}, {@link StressChaosReader}).
 */
final class ChaosKindReader {
  private ChaosKindReader() {}

  /** The kinds that act elsewhere than on pods: they select none. */
  private static final Set<String> NO_PODS = Set.of("PhysicalMachineChaos", "AWSChaos",
      "GCPChaos", "AzureChaos");

  /**
   * The injection of a {@code kind} object whose spec is {@code spec}; a {@code deadline} (a
   * Workflow template's) bounds its duration.
   */
  static ChaosInjection read(String subject, String kind, Map<String, Object> spec,
      String namespace, Timing timing, Duration deadline) {
    ChaosSelection selection = NO_PODS.contains(kind) ? null : new ChaosSelection(subject,
        PodSelector.chaosMesh(subject, spec.get("selector"), namespace),
        SelectionMode.chaosMesh(subject, spec.get("mode"), spec.get("value")));
    Duration duration = optionalDuration(subject, spec, "duration");
    if (deadline != null) {
      duration = duration == null || deadline.compareTo(duration) < 0 ? deadline : duration;
    }
    if (duration != null && duration.isNegative()) {
      throw new IllegalArgumentException(subject + " `duration` " + duration + " is negative");
    }
    String remote = ManifestDocuments.text(spec.get("remoteCluster"));
    List<String> containers = strings(spec.get("containerNames"));
    Map<String, String> details = new LinkedHashMap<>();
    String action = ManifestDocuments.text(spec.get("action"));
    Network network = null;
    Stress stress = null;
    Duration grace = Duration.ZERO;
    switch (kind) {
      case "PodChaos" -> {
        oneOf(subject, "action", action, "pod-kill", "pod-failure", "container-kill");
        if (action.equals("container-kill") && containers.isEmpty()) {
          throw new IllegalArgumentException(subject + " `containerNames` is empty: a"
              + " container-kill needs the containers to kill");
        }
        grace = Duration.ofSeconds(whole(subject, "gracePeriod", spec.get("gracePeriod"), 0,
            0, Integer.MAX_VALUE));
      }
      case "NetworkChaos" -> network = NetworkChaosReader.read(subject, action, spec, namespace);
      case "StressChaos" -> {
        action = "stress";
        stress = StressChaosReader.read(subject, spec, details);
      }
      case "IOChaos" -> {
        oneOf(subject, "action", action, "latency", "fault", "attrOverride", "mistake");
        if (action.equals("latency")) {
          details.put("delay", goDuration(subject, "delay", spec.get("delay"), true).toString());
        }
        details.put("percent", String.valueOf(whole(subject, "percent", spec.get("percent"),
            100, 0, 100)));
        copy(spec, details, "volumePath", "path", "errno", "methods", "attr", "mistake");
      }
      case "HTTPChaos" -> {
        action = "http";
        oneOf(subject, "target", ManifestDocuments.text(spec.get("target")), "Request",
            "Response");
        if (spec.get("delay") != null) {
          details.put("delay", goDuration(subject, "delay", spec.get("delay"), true).toString());
        }
        copy(spec, details, "target", "abort", "replace", "patch", "port", "path", "method",
            "code");
        if (!details.containsKey("delay") && !details.containsKey("abort")
            && !details.containsKey("replace") && !details.containsKey("patch")) {
          throw new IllegalArgumentException(subject + " has none of `abort`, `delay`,"
              + " `replace`, `patch`: it would do nothing");
        }
      }
      case "DNSChaos" -> {
        oneOf(subject, "action", action, "error", "random");
        copy(spec, details, "patterns");
      }
      case "TimeChaos" -> {
        action = "time-offset";
        details.put("timeOffset", goDuration(subject, "timeOffset", spec.get("timeOffset"), true)
            .toString());
        copy(spec, details, "clockIds");
      }
      case "KernelChaos" -> {
        action = "kernel-fault";
        if (spec.get("failKernRequest") == null) {
          throw new IllegalArgumentException(subject + " has no `failKernRequest`");
        }
        copy(spec, details, "failKernRequest");
      }
      case "JVMChaos" -> {
        oneOf(subject, "action", action, "latency", "return", "exception", "stress", "gc",
            "ruleData", "mysql");
        copy(spec, details, "class", "method", "latency", "value", "exception", "ruleData",
            "cpuCount", "memType", "port");
      }
      case "BlockChaos" -> {
        oneOf(subject, "action", action, "delay");
        details.put("delay", goDuration(subject, "delay.latency",
            ManifestDocuments.at(spec, "delay", "latency"), true).toString());
        copy(spec, details, "volumeName");
      }
      case "PhysicalMachineChaos" -> {
        if (action.isEmpty()) {
          throw new IllegalArgumentException(subject + " has no `action`");
        }
        Map<String, Object> params = ManifestDocuments.map(spec.get(action));
        for (Map.Entry<String, Object> p : params.entrySet()) {
          details.put(action + "." + p.getKey(), String.valueOf(p.getValue()));
        }
        copy(spec, details, "address", "selector");
      }
      default -> { // the cloud kinds
        if (action.isEmpty()) {
          throw new IllegalArgumentException(subject + " has no `action`");
        }
        copy(spec, details, "awsRegion", "ec2Instance", "project", "zone", "instance",
            "subscriptionID", "resourceGroupName", "vmName");
      }
    }
    return new ChaosInjection(subject, kind, action, selection, duration, timing, remote,
        network, stress, containers, grace, details);
  }
}
