package dev.chaos.runtime;

import dev.chaos.spi.Redactor;
import dev.chaos.spi.ValueCredentials;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Run events with every known secret masked, for the listeners that let them out of the
 * process (the journal, the console): one place before all of them, so that no listener can
 * forget, and so that a view that shortens a line to the terminal's width never shows the
 * first half of a secret. Every text of an event is masked: its strings, the strings of its
 * value trees (the body of an `http.get` in a `let`), and those of its nested records.
 */
public final class RedactedEvents {
  private RedactedEvents() {}

  /** A listener that passes {@code next} each event with {@code redactor} applied. */
  public static RunListener listener(Redactor redactor, RunListener next) {
    return event -> next.on(redact(redactor, event));
  }

  /**
   * The event with every known secret in its texts masked; itself when none is known. The
   * credentials the event itself shows are learned first (the URL of a mutation is journaled
   * before the call is made): a URL's password, an `Authorization` written as a plain string.
   */
  public static RunEvent redact(Redactor redactor, RunEvent event) {
    learn(redactor, (Record) event);
    return redactor.knowsAny() ? (RunEvent) record(redactor, (Record) event) : event;
  }

  private static void learn(Redactor redactor, Record r) {
    for (RecordComponent component : r.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component, e);
      }
      if (value instanceof String || value instanceof Map<?, ?> || value instanceof List<?>) {
        ValueCredentials.learnTree(redactor, value);
      } else if (value instanceof Record nested && !(value instanceof dev.chaos.types.Value)) {
        learn(redactor, nested);
      }
    }
  }

  private static Object record(Redactor redactor, Record r) {
    RecordComponent[] components = r.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    boolean changed = false;
    try {
      for (int i = 0; i < components.length; i++) {
        Object before = components[i].getAccessor().invoke(r);
        values[i] = field(redactor, before);
        changed |= values[i] != before;
      }
      if (!changed) {
        return r;
      }
      Constructor<?> canonical = r.getClass().getDeclaredConstructor(
          java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot mask the secrets of " + r.getClass().getName(), e);
    }
  }

  /** A new object only where a secret was masked, so that an unchanged event stays itself. */
  private static Object field(Redactor redactor, Object value) {
    if (value instanceof String s) {
      String masked = redactor.redact(s);
      return masked.equals(s) ? s : masked;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      Object masked = redactor.redactTree(value);
      return masked.equals(value) ? value : masked;
    }
    if (value instanceof Record nested && !(value instanceof dev.chaos.types.Value)) {
      return record(redactor, nested);
    }
    return value;
  }
}
