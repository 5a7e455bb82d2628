package dev.chaos.runtime;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's own messages to people (guard warnings, escalation), through the backend's
 * `notify.send`, as a runbook's own call would go. A message that cannot be delivered is said,
 * never thrown: paging is a side effect of handling trouble and must not become more trouble.
 */
final class Notifier {
  /** A message waits this long at most: a slow webhook must not hold up a guard's samples. */
  static final Duration DEADLINE = Duration.ofSeconds(10);

  private final Interpreter interpreter;

  Notifier(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  /**
   * Sends {@code text} to {@code contact} (null: the environment's webhook). Returns null when
   * it was delivered, else why not.
   */
  String send(String contact, String text) throws InterruptedException {
    BuiltinImpl impl = interpreter.backend().impl("notify.send");
    if (impl == null) {
      return "this backend has no `notify.send`";
    }
    Map<String, Value> args = new LinkedHashMap<>();
    args.put("text", Value.str(text));
    if (contact != null) {
      args.put("to", Value.str(contact));
    }
    CallArgs call = new CallArgs(args, List.of());
    Instant deadline = interpreter.clock().now().plus(DEADLINE);
    Site site = new Site(Section.NOTIFY, contact == null ? "" : contact, deadline, null, false);
    try {
      impl.call(call, new DriverCall(interpreter, site, "notify.send", call, null, deadline));
      return null;
    } catch (InterruptedException stopped) {
      throw stopped;
    } catch (Exception | LinkageError e) {
      return Calls.failure(e);
    }
  }
}
