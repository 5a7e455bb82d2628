package dev.chaos.runtime;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing that happened during a run, at an instant of the run's clock: the journal writes each
 * as a JSON line, the console shows them. {@code data} holds only strings, numbers, booleans,
 * and lists and maps of them, in a fixed order, so that any writer can serialise it; values are
 * already shown as the report shows them (`30%`, `1m30s`), secrets as `***`.
 */
public record RunEvent(Instant time, Type type, Map<String, Object> data) {
  public RunEvent {
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** What happened; {@link #jsonName()} is the `event` field of a journal line. */
  public enum Type {
    RUN_STARTED, PHASE, LET, CHECK, SAMPLE, STEP_STARTED, STEP_FINISHED, CALL, CALL_RESULT,
    PREVIEW, WAIT, LOG, RECORD, UNDO_REGISTERED, UNDO_STARTED, UNDO_FINISHED, ABORT, RECOVERY,
    RUN_FINISHED;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A field by name, or null. */
  public Object get(String key) {
    return data.get(key);
  }

  public String text(String key) {
    Object v = data.get(key);
    return v == null ? null : v.toString();
  }

  /** Builds an event from alternating keys and values; null values are left out. */
  static RunEvent of(Instant time, Type type, Object... keysAndValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        data.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return new RunEvent(time, type, data);
  }
}
