package dev.chaos.drivers.sandbox;

import dev.chaos.types.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the world's functions return, one record per named record type of the signature tables
 * (`dev.chaos.drivers.RecordTypes`), each with the run-time value a binding hands back to the
 * interpreter. The field names and order are those of the tables; a test holds them together.
 */
public final class Results {
  private Results() {}

  /** Pods of a namespace and label selector, in a cluster ("" is the default cluster). */
  public record Selector(String cluster, String namespace, String labels) {
    public Value.Rec toValue() {
      return Value.rec("Selector", "cluster", Value.str(cluster), "namespace",
          Value.str(namespace), "labels", Value.str(labels));
    }
  }

  public record PodSet(int total, int ready, List<String> names, int restarts) {
    public Value.Rec toValue() {
      return Value.rec("PodSet", "total", Value.integer(total), "ready", Value.integer(ready),
          "names", Value.strings(names), "restarts", Value.integer(restarts));
    }
  }

  public record Hpa(int current, int desired, int min, int max) {
    public Value.Rec toValue() {
      return Value.rec("Hpa", "current", Value.integer(current), "desired",
          Value.integer(desired), "min", Value.integer(min), "max", Value.integer(max));
    }
  }

  public record Usage(double cpuCores, long memoryBytes) {
    public Value.Rec toValue() {
      return Value.rec("Usage", "cpu_cores", Value.number(cpuCores), "memory_bytes",
          Value.integer(memoryBytes));
    }
  }

  public record Sample(Map<String, String> labels, double value) {
    public Value.Rec toValue() {
      return Value.rec("Sample", "labels", Value.stringMap(labels), "value", Value.number(value));
    }
  }

  public record Alert(String name, String severity, String state, Map<String, String> labels) {
    public Value.Rec toValue() {
      return Value.rec("Alert", "name", Value.str(name), "severity", Value.str(severity),
          "state", Value.str(state), "labels", Value.stringMap(labels));
    }
  }

  public record Address(String host, int port) {
    public Value.Rec toValue() {
      return Value.rec("Address", "host", Value.str(host), "port", Value.integer(port));
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public record Response(int status, Duration latency, String body) {
    public Value.Rec toValue() {
      return Value.rec("Response", "status", Value.integer(status), "latency",
          Value.duration(latency), "body", Value.str(body));
    }
  }

  /** What a program left behind (`Result` in the tables). */
  public record ProcessResult(int exit, String stdout, String stderr) {
    public Value.Rec toValue() {
      return Value.rec("Result", "exit", Value.integer(exit), "stdout", Value.str(stdout),
          "stderr", Value.str(stderr));
    }
  }
}
