package dev.chaos.drivers;

import dev.chaos.types.Type;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The named record types that driver functions return, each declared once so that two drivers
 * speaking of an `Address` mean the same type (records of one name must be identical for
 * equality and assignment to work). Field names carry their unit where a bare number would be
 * ambiguous (`cpu_cores`, `memory_bytes`).
 *
 * <p>Each type is followed by the one constructor of its values, which every backend uses: the
 * field names come from the type ({@link Type.Rec#value}), so renaming a field changes the
 * values with it, and a field given in the wrong place fails at once. An `Int` field takes a
 * Java long, as {@link Value.Int} holds one.
 */
public final class RecordTypes {
  private RecordTypes() {}

  private static final Type STRING_MAP = Type.map(Type.STRING, Type.STRING);

  /** Pods chosen by namespace and label selector, in a cluster ("" is the default cluster). */
  public static final Type.Rec SELECTOR = Type.record("Selector",
      "cluster", Type.STRING, "namespace", Type.STRING, "labels", Type.STRING);

  public static Value.Rec selector(String cluster, String namespace, String labels) {
    return SELECTOR.value(Value.str(cluster), Value.str(namespace), Value.str(labels));
  }

  /** A snapshot of the pods behind a selector; `restarts` sums every container's restarts. */
  public static final Type.Rec POD_SET = Type.record("PodSet",
      "total", Type.INT, "ready", Type.INT, "names", Type.list(Type.STRING),
      "restarts", Type.INT);

  public static Value.Rec podSet(long total, long ready, List<String> names, long restarts) {
    return POD_SET.value(Value.integer(total), Value.integer(ready), Value.strings(names),
        Value.integer(restarts));
  }

  public static final Type.Rec HPA = Type.record("Hpa",
      "current", Type.INT, "desired", Type.INT, "min", Type.INT, "max", Type.INT);

  public static Value.Rec hpa(long current, long desired, long min, long max) {
    return HPA.value(Value.integer(current), Value.integer(desired), Value.integer(min),
        Value.integer(max));
  }

  /** Resource usage summed over the pods of a selector, as `kubectl top pods` shows it. */
  public static final Type.Rec USAGE = Type.record("Usage",
      "cpu_cores", Type.FLOAT, "memory_bytes", Type.INT);

  public static Value.Rec usage(double cpuCores, long memoryBytes) {
    return USAGE.value(Value.number(cpuCores), Value.integer(memoryBytes));
  }

  /** One series of a Prometheus instant vector. */
  public static final Type.Rec SAMPLE = Type.record("Sample",
      "labels", STRING_MAP, "value", Type.FLOAT);

  public static Value.Rec sample(Map<String, String> labels, double value) {
    return SAMPLE.value(Value.stringMap(labels), Value.number(value));
  }

  public static final Type.Rec ALERT = Type.record("Alert",
      "name", Type.STRING, "severity", Type.STRING, "state", Type.STRING, "labels", STRING_MAP);

  public static Value.Rec alert(String name, String severity, String state,
      Map<String, String> labels) {
    return ALERT.value(Value.str(name), Value.str(severity), Value.str(state),
        Value.stringMap(labels));
  }

  public static final Type.Rec ADDRESS = Type.record("Address",
      "host", Type.STRING, "port", Type.INT);

  public static Value.Rec address(String host, long port) {
    return ADDRESS.value(Value.str(host), Value.integer(port));
  }

  public static final Type.Rec RESPONSE = Type.record("Response",
      "status", Type.INT, "latency", Type.DURATION, "body", Type.STRING);

  public static Value.Rec response(long status, Duration latency, String body) {
    return RESPONSE.value(Value.integer(status), Value.duration(latency), Value.str(body));
  }

  /** What a process left behind: its exit status and its output. */
  public static final Type.Rec RESULT = Type.record("Result",
      "exit", Type.INT, "stdout", Type.STRING, "stderr", Type.STRING);

  public static Value.Rec result(long exit, String stdout, String stderr) {
    return RESULT.value(Value.integer(exit), Value.str(stdout), Value.str(stderr));
  }
}
