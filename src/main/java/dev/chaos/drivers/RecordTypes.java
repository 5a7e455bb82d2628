package dev.chaos.drivers;

import dev.chaos.types.Type;

/**
 * The named record types that driver functions return, each declared once so that two drivers
 * speaking of an `Address` mean the same type (records of one name must be identical for
 * equality and assignment to work). Field names carry their unit where a bare number would be
 * ambiguous (`cpu_cores`, `memory_bytes`).
 */
public final class RecordTypes {
  private RecordTypes() {}

  private static final Type STRING_MAP = Type.map(Type.STRING, Type.STRING);

  /** Pods chosen by namespace and label selector, in a cluster ("" is the default cluster). */
  public static final Type.Rec SELECTOR = Type.record("Selector",
      "cluster", Type.STRING, "namespace", Type.STRING, "labels", Type.STRING);

  /** A snapshot of the pods behind a selector; `restarts` sums every container's restarts. */
  public static final Type.Rec POD_SET = Type.record("PodSet",
      "total", Type.INT, "ready", Type.INT, "names", Type.list(Type.STRING),
      "restarts", Type.INT);

  public static final Type.Rec HPA = Type.record("Hpa",
      "current", Type.INT, "desired", Type.INT, "min", Type.INT, "max", Type.INT);

  /** Resource usage summed over the pods of a selector, as `kubectl top pods` shows it. */
  public static final Type.Rec USAGE = Type.record("Usage",
      "cpu_cores", Type.FLOAT, "memory_bytes", Type.INT);

  /** One series of a Prometheus instant vector. */
  public static final Type.Rec SAMPLE = Type.record("Sample",
      "labels", STRING_MAP, "value", Type.FLOAT);

  public static final Type.Rec ALERT = Type.record("Alert",
      "name", Type.STRING, "severity", Type.STRING, "state", Type.STRING, "labels", STRING_MAP);

  public static final Type.Rec ADDRESS = Type.record("Address",
      "host", Type.STRING, "port", Type.INT);

  public static final Type.Rec RESPONSE = Type.record("Response",
      "status", Type.INT, "latency", Type.DURATION, "body", Type.STRING);

  /** What a process left behind: its exit status and its output. */
  public static final Type.Rec RESULT = Type.record("Result",
      "exit", Type.INT, "stdout", Type.STRING, "stderr", Type.STRING);
}
