package dev.chaos.runtime;

import dev.chaos.spi.Clock;
import dev.chaos.types.Type;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a mutating call answers under `--dry-run`, where it is shown and not made: the empty
 * value of its result type (no pods killed, zero rows, an empty record), so that the rest of the
 * step can still be walked through and its further mutations shown.
 */
final class Placeholders {
  private Placeholders() {}

  static Value of(Type type, Clock clock) {
    if (type instanceof Type.Prim p) {
      switch (p) {
        case BOOL:
          return Value.FALSE;
        case INT:
          return Value.integer(0);
        case FLOAT:
          return Value.number(0);
        case STRING:
          return Value.str("");
        case DURATION:
          return Value.duration(Duration.ZERO);
        case PERCENT:
          return Value.percent(0);
        case TIME:
          return new Value.Time(clock.now());
        case TIME_OF_DAY:
          return new Value.TimeOfDay(LocalTime.MIDNIGHT);
        case SECRET:
          return new Value.Secret("");
        case JSON:
          return new Value.Json(null);
        default:
          return Value.UNIT;
      }
    }
    if (type instanceof Type.ListOf) {
      return Value.list(List.of());
    }
    if (type instanceof Type.MapOf) {
      return new Value.Map(Map.of());
    }
    if (type instanceof Type.Rec rec) {
      Map<String, Value> fields = new LinkedHashMap<>();
      rec.fields().forEach((name, t) -> fields.put(name, of(t, clock)));
      return new Value.Rec(rec.name(), fields);
    }
    if (type instanceof Type.Union u && !u.options().isEmpty()) {
      return of(u.options().get(0), clock);
    }
    return Value.UNIT;
  }
}
