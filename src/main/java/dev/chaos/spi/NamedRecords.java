package dev.chaos.spi;

import dev.chaos.types.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The named record types (`PodSet`, `Response`, ...) that appear anywhere in the signatures of
 * some drivers, by name. The checker resolves such names written in `fn` signatures with it, and
 * the docs list them. When two drivers disagree about a name the first wins here and
 * {@link DriverTableLint} reports the conflict.
 */
public final class NamedRecords {
  private NamedRecords() {}

  public static Map<String, Type.Rec> of(Collection<Driver> drivers) {
    Map<String, Type.Rec> found = new TreeMap<>();
    for (Driver d : drivers) {
      for (Builtin b : d.builtins()) {
        collect(b.signature().result(), found);
        for (Param p : b.signature().params()) {
          collect(p.type(), found);
        }
      }
    }
    return Collections.unmodifiableMap(found);
  }

  /** Adds every named record inside {@code type}, nested ones included. */
  static void collect(Type type, Map<String, Type.Rec> into) {
    if (type instanceof Type.Rec r) {
      if (!r.name().isEmpty()) {
        into.putIfAbsent(r.name(), r);
      }
      r.fields().values().forEach(f -> collect(f, into));
    } else if (type instanceof Type.ListOf l) {
      collect(l.element(), into);
    } else if (type instanceof Type.MapOf m) {
      collect(m.key(), into);
      collect(m.value(), into);
    } else if (type instanceof Type.Union u) {
      u.options().forEach(o -> collect(o, into));
    }
  }
}
