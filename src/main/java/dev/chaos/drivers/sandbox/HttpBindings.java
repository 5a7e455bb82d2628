package dev.chaos.drivers.sandbox;

import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.string;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Preview;
import dev.chaos.spi.CallContext;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.Map;

/**
 * The `http` functions on the world's endpoints. An exchange takes its latency on the call's
 * clock; one slower than `timeout:` fails when the timeout passes. `headers:` are accepted and
 * go nowhere: the world's endpoints do not check them.
 */
final class HttpBindings {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private HttpBindings() {}

  static void bind(World world, Map<String, BuiltinImpl> into) {
    HttpWorld http = world.http();
    into.put("http.get", (a, c) -> {
      String url = string(a, "url");
      return exchange(c, "GET " + url, duration(a, "timeout", DEFAULT_TIMEOUT),
          http.get(url, null));
    });
    into.put("http.post", (a, c) -> {
      String url = string(a, "url");
      String body = string(a, "body", "");
      String contentType = string(a, "content_type", "application/json");
      // the world's endpoints keep no state: what a POST answers is all it does, so a dry run
      // may show the answer without sending anything anywhere
      if (c.dryRun(Preview.of("POST " + body.length() + " bytes of " + contentType + " to "
          + url).withTarget(url))) {
        return http.post(url, body, contentType, null).toValue();
      }
      return exchange(c, "POST " + url, duration(a, "timeout", DEFAULT_TIMEOUT),
          http.post(url, body, contentType, null));
    });
  }

  private static Value exchange(CallContext c, String what, Duration timeout,
      Results.Response answer) throws Exception {
    AnswerTime.take(c, answer.latency(), timeout, what);
    return answer.toValue();
  }
}
