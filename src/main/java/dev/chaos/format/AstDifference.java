package dev.chaos.format;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares two syntax trees by their meaning: record by record, component by component, with
 * source positions ({@link Span}) and the file itself left out. {@code chaos fmt} checks every
 * result with it, and the tests compare formatted files with it.
 */
public final class AstDifference {
  private AstDifference() {}

  /** Where the two trees first differ ("decls[2].body.stmts[0].value: ..."), or empty. */
  public static Optional<String> between(Object a, Object b) {
    return Optional.ofNullable(diff("", a, b));
  }

  private static String diff(String path, Object a, Object b) {
    if (a == b) {
      return null;
    }
    if (a == null || b == null) {
      return path + ": " + a + " vs " + b;
    }
    if (a instanceof Span || a instanceof SourceFile) {
      return null;
    }
    if (a.getClass() != b.getClass()) {
      return path + ": " + a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
    }
    if (a instanceof Record) {
      for (RecordComponent c : a.getClass().getRecordComponents()) {
        if (c.getType() == Span.class || c.getType() == SourceFile.class) {
          continue;
        }
        try {
          c.getAccessor().setAccessible(true);
          String d = diff(path + "." + c.getName(), c.getAccessor().invoke(a), c.getAccessor().invoke(b));
          if (d != null) {
            return d;
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + path + "." + c.getName(), e);
        }
      }
      return null;
    }
    if (a instanceof List<?> la) {
      List<?> lb = (List<?>) b;
      if (la.size() != lb.size()) {
        return path + ": " + la.size() + " items vs " + lb.size();
      }
      for (int i = 0; i < la.size(); i++) {
        String d = diff(path + "[" + i + "]", la.get(i), lb.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof Map<?, ?> ma) {
      Map<?, ?> mb = (Map<?, ?>) b;
      if (!ma.keySet().equals(mb.keySet())) {
        return path + ": keys " + ma.keySet() + " vs " + mb.keySet();
      }
      for (Object k : ma.keySet()) {
        String d = diff(path + "[" + k + "]", ma.get(k), mb.get(k));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof Optional<?> oa) {
      return diff(path, oa.orElse(null), ((Optional<?>) b).orElse(null));
    }
    return Objects.equals(a, b) ? null : path + ": " + a + " vs " + b;
  }
}
