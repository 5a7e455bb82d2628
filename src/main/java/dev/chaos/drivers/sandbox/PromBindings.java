package dev.chaos.drivers.sandbox;

import static dev.chaos.drivers.Arguments.string;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.util.Map;

/** The `prometheus` functions on the world's series and alert rules. */
final class PromBindings {
  private PromBindings() {}

  static void bind(World world, Map<String, BuiltinImpl> into) {
    PromWorld prometheus = world.prometheus();
    into.put("prometheus.scalar", (a, c) ->
        Value.number(prometheus.scalar(string(a, "query"))));
    into.put("prometheus.vector", (a, c) -> Value.list(prometheus.vector(string(a, "query"))
        .stream().map(Results.Sample::toValue).toList()));
    into.put("prometheus.alerts", (a, c) -> Value.list(prometheus
        .alerts(string(a, "severity", null), string(a, "state", "firing"))
        .stream().map(Results.Alert::toValue).toList()));
    into.put("prometheus.ready", (a, c) -> Value.bool(prometheus.ready()));
  }
}
