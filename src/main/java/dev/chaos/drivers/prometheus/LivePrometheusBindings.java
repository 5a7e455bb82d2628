package dev.chaos.drivers.prometheus;

import static dev.chaos.drivers.Arguments.string;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The `prometheus` functions on a real server, one per row of {@link PrometheusDriver}'s table.
 * The values have the shapes the sandbox gives (records `Sample` and `Alert` of
 * {@code RecordTypes}), so a runbook rehearsed in the sandbox reads the same fields live.
 */
public final class LivePrometheusBindings {
  private static final List<String> STATES = List.of("firing", "pending", "any");

  private LivePrometheusBindings() {}

  /** Puts the implementation of every `prometheus` builtin, by qualified name, into {@code into}. */
  public static void bind(PrometheusClient client, Map<String, BuiltinImpl> into) {
    into.put("prometheus.scalar", (a, c) ->
        Value.number(scalar(client, string(a, "query"), client.query(string(a, "query"), c))));
    into.put("prometheus.vector", (a, c) -> Value.list(client.query(string(a, "query"), c)
        .series().stream().map(LivePrometheusBindings::sample).toList()));
    into.put("prometheus.alerts", (a, c) -> {
      String severity = string(a, "severity", null);
      String state = state(client, string(a, "state", "firing"));
      List<Value> out = new ArrayList<>();
      for (ActiveAlert alert : client.alerts(c)) {
        if ((severity == null || severity.equals(alert.severity()))
            && (state.equals("any") || state.equals(alert.state()))) {
          out.add(alert(alert));
        }
      }
      return Value.list(out);
    });
    into.put("prometheus.ready", (a, c) -> Value.bool(client.ready(c)));
  }

  /** The one number of a result: exactly one series, not NaN. */
  static double scalar(PrometheusClient client, String query, InstantResult result)
      throws PrometheusException {
    List<InstantResult.Series> series = result.series();
    if (series.isEmpty()) {
      throw new PrometheusException(client.target(), "no series for `" + query + "`");
    }
    if (series.size() > 1) {
      throw new PrometheusException(client.target(), "`" + query + "` returned "
          + series.size() + " series, a scalar needs exactly one: " + series.stream().limit(3)
              .map(s -> selector(s.labels())).collect(Collectors.joining(", "))
          + (series.size() > 3 ? ", ..." : "") + "; aggregate them, e.g. sum(...) or max(...)");
    }
    double value = series.get(0).value();
    if (Double.isNaN(value)) {
      throw new PrometheusException(client.target(), "`" + query + "` returned NaN");
    }
    return value;
  }

  private static String state(PrometheusClient client, String state) throws PrometheusException {
    if (!STATES.contains(state)) {
      throw new PrometheusException(client.target(), "alerts: `state` is `" + state
          + "`; use `firing`, `pending` or `any`");
    }
    return state;
  }

  /** A series as PromQL writes it: `up{instance="a:1", job="api"}`. */
  static String selector(Map<String, String> labels) {
    String name = labels.getOrDefault("__name__", "");
    return name + labels.entrySet().stream().filter(l -> !l.getKey().equals("__name__"))
        .map(l -> l.getKey() + "=\"" + l.getValue() + "\"")
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static Value.Rec sample(InstantResult.Series series) {
    return RecordTypes.sample(series.labels(), series.value());
  }

  private static Value.Rec alert(ActiveAlert alert) {
    return RecordTypes.alert(alert.name(), alert.severity(), alert.state(), alert.labels());
  }
}
