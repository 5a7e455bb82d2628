package dev.chaos.drivers.sandbox;

import static dev.chaos.drivers.Arguments.string;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.util.Map;

/** `notify.send` to the world's webhook, which keeps the messages for tests and reports. */
final class NotifyBindings {
  private NotifyBindings() {}

  static void bind(World world, Map<String, BuiltinImpl> into) {
    into.put("notify.send", (a, c) -> {
      String text = string(a, "text");
      String to = a.has("to") ? string(a, "to") : null;
      String where = to == null ? "the sandbox webhook" : "contact " + to;
      if (c.dryRun(Preview.of("send to " + where + ": " + text).withTarget(where))) {
        return Value.UNIT;
      }
      world.notifications().send(text, to);
      c.log("notify: sent to " + where + ": " + text);
      return Value.UNIT;
    });
  }
}
