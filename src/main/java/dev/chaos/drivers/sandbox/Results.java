package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the world's functions return, one Java record per named record type of the signature
 * tables, each turned into the run-time value a binding hands back to the interpreter by the
 * constructor next to its type in {@link RecordTypes}, as the live drivers do.
 */
public final class Results {
  private Results() {}

  /** Pods of a namespace and label selector, in a cluster ("" is the default cluster). */
  public record Selector(String cluster, String namespace, String labels) {
    public Value.Rec toValue() {
      return RecordTypes.selector(cluster, namespace, labels);
    }
  }

  public record PodSet(int total, int ready, List<String> names, int restarts) {
    public Value.Rec toValue() {
      return RecordTypes.podSet(total, ready, names, restarts);
    }
  }

  public record Hpa(int current, int desired, int min, int max) {
    public Value.Rec toValue() {
      return RecordTypes.hpa(current, desired, min, max);
    }
  }

  public record Usage(double cpuCores, long memoryBytes) {
    public Value.Rec toValue() {
      return RecordTypes.usage(cpuCores, memoryBytes);
    }
  }

  public record Sample(Map<String, String> labels, double value) {
    public Value.Rec toValue() {
      return RecordTypes.sample(labels, value);
    }
  }

  public record Alert(String name, String severity, String state, Map<String, String> labels) {
    public Value.Rec toValue() {
      return RecordTypes.alert(name, severity, state, labels);
    }
  }

  public record Address(String host, int port) {
    public Value.Rec toValue() {
      return RecordTypes.address(host, port);
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public record Response(int status, Duration latency, String body) {
    public Value.Rec toValue() {
      return RecordTypes.response(status, latency, body);
    }
  }

  /** What a program left behind (`Result` in the tables). */
  public record ProcessResult(int exit, String stdout, String stderr) {
    public Value.Rec toValue() {
      return RecordTypes.result(exit, stdout, stderr);
    }
  }
}
