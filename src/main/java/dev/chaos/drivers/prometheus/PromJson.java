package dev.chaos.drivers.prometheus;

import dev.chaos.drivers.FailureText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the answers of the Prometheus HTTP API: the envelope
 * ({@code {"status":"success","data":...}} or {@code {"status":"error","errorType":...}}), the
 * result of an instant query and the list of active alerts. Every refusal is a
 * {@link PrometheusException} naming the server.
 */
final class PromJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String target;

  PromJson(String target) {
    this.target = target;
  }

  /**
   * The `data` of a successful answer. {@code what} names the kind of request in an error
   * ("query error: bad_data: ...").
   */
  JsonNode data(HttpReply reply, String what) throws PrometheusException {
    JsonNode root;
    try {
      root = JSON.readTree(reply.body());
    } catch (JacksonException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      if (reply.status() != 200) {
        throw httpError(reply);
      }
      throw fail("unexpected answer (not a JSON object): " + snippet(reply.body()));
    }
    String status = root.path("status").asString("");
    if (status.equals("error")) {
      throw fail(what + " error: " + root.path("errorType").asString("unknown") + ": "
          + FailureText.oneLine(root.path("error").asString("")));
    }
    if (reply.status() != 200) {
      throw httpError(reply);
    }
    if (!status.equals("success") || !root.has("data")) {
      throw fail("unexpected answer (no `status: success` and `data`): " + snippet(reply.body()));
    }
    return root.get("data");
  }

  /** The result of an instant query for {@code query}, a vector or a scalar. */
  InstantResult instant(JsonNode data, String query) throws PrometheusException {
    String type = data.path("resultType").asString("");
    JsonNode result = data.path("result");
    switch (type) {
      case "vector": {
        if (!result.isArray()) {
          throw fail("unexpected answer to `" + query + "`: the vector result is not a list");
        }
        List<InstantResult.Series> series = new ArrayList<>();
        for (JsonNode item : result) {
          if (!item.has("value")) {
            throw fail("`" + query + "` returned a native histogram, not a number: query a"
                + " float series, such as histogram_quantile(...)");
          }
          series.add(new InstantResult.Series(labels(item.path("metric")),
              value(item.path("value"), query)));
        }
        return new InstantResult(type, series);
      }
      case "scalar":
        return new InstantResult(type,
            List.of(new InstantResult.Series(Map.of(), value(result, query))));
      case "matrix":
        throw fail("`" + query + "` is a range vector: chaos makes instant queries; drop the"
            + " `[range]` or wrap it in a function such as rate(...)");
      case "string":
        throw fail("`" + query + "` is a string, not a number");
      default:
        throw fail("unexpected answer to `" + query + "`: result type `" + type + "`");
    }
  }

  /** The alerts of `/api/v1/alerts`. */
  List<ActiveAlert> alerts(JsonNode data) throws PrometheusException {
    JsonNode list = data.path("alerts");
    if (!list.isArray()) {
      throw fail("unexpected answer to /api/v1/alerts: no `alerts` list");
    }
    List<ActiveAlert> out = new ArrayList<>();
    for (JsonNode alert : list) {
      out.add(new ActiveAlert(labels(alert.path("labels")), alert.path("state").asString("")));
    }
    return out;
  }

  private static Map<String, String> labels(JsonNode object) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : object.properties()) {
      labels.put(label.getKey(), label.getValue().asString(""));
    }
    return labels;
  }

  /** A sample `[timestamp, "value"]`; Prometheus writes infinities as `+Inf` and `-Inf`. */
  private double value(JsonNode pair, String query) throws PrometheusException {
    String text = pair.isArray() && pair.size() == 2 ? pair.get(1).asString("") : "";
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw fail("unexpected answer to `" + query + "`: sample " + snippet(pair.toString()));
        }
    }
  }

  private PrometheusException httpError(HttpReply reply) {
    String hint = reply.status() == 401 || reply.status() == 403
        ? " (check the bearer token)" : "";
    String body = reply.body().isBlank() ? "" : ": " + snippet(reply.body());
    return fail("HTTP " + reply.status() + hint + body);
  }

  private PrometheusException fail(String message) {
    return new PrometheusException(target, message);
  }

  private static String snippet(String text) {
    String line = FailureText.oneLine(text);
    return line.length() <= 120 ? line : line.substring(0, 120) + "...";
  }
}
