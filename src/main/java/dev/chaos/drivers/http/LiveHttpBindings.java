package dev.chaos.drivers.http;

import static dev.chaos.drivers.Arguments.duration;
import static dev.chaos.drivers.Arguments.string;

import dev.chaos.config.HostPort;
import dev.chaos.config.HttpRoutes;
import dev.chaos.drivers.RecordTypes;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.ByteString;

/**
 * The `http` functions on real servers, one per row of {@link HttpDriver}'s table, returning
 * the sandbox's `Response{status, latency, body}`. Any status is a Response; no answer is an
 * {@link HttpException} naming the server ("GET http://127.0.0.1:8080: connection refused").
 * Redirects are not followed: a 301 is what the URL answered.
 */
public final class LiveHttpBindings {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private LiveHttpBindings() {}

  /** Puts the implementation of every `http` builtin, by qualified name, into {@code into}. */
  public static void bind(Map<String, BuiltinImpl> into) {
    bind(new HttpRoutes(Map.of()), DeadlineExchange.BODY_LIMIT, into);
  }

  /**
   * As {@link #bind(Map)}, connecting to the address {@code routes} maps a URL's host and port
   * to, with the `Host` header still naming the URL's (as curl's `--connect-to`).
   */
  public static void bind(HttpRoutes routes, Map<String, BuiltinImpl> into) {
    bind(routes, DeadlineExchange.BODY_LIMIT, into);
  }

  /** As {@link #bind(HttpRoutes, Map)}, keeping {@code bodyLimit} bytes of each body (tests). */
  static void bind(HttpRoutes routes, int bodyLimit, Map<String, BuiltinImpl> into) {
    // building the client (TLS set-up included) takes a while once: not within a call's deadline
    HttpClients.shared();
    into.put("http.get", (a, c) -> {
      HttpUrl url = url(a);
      Request.Builder request = new Request.Builder().get();
      return exchange(a, c, routed(request, url, routes), url, "GET " + target(url, routes),
          bodyLimit);
    });
    into.put("http.post", (a, c) -> {
      HttpUrl url = url(a);
      String body = string(a, "body", "");
      String contentType = string(a, "content_type", "application/json");
      MediaType type = MediaType.parse(contentType);
      if (type == null) {
        throw new IllegalArgumentException("POST " + HttpOrigin.withPort(url)
            + ": `content_type` `" + contentType + "` is not a media type such as"
            + " \"application/json\"");
      }
      if (c.dryRun(Preview.of("POST " + body.length() + " bytes of " + contentType + " to "
          + HttpOrigin.withPort(url)).withTarget(HttpOrigin.withPort(url)))) {
        // nothing is sent, so there is no answer: the empty Response a dry run shows
        return response(0, Duration.ZERO, "");
      }
      // bytes, not a String: OkHttp would add "; charset=utf-8" to the declared type
      Request.Builder request = new Request.Builder().post(RequestBody.create(
          ByteString.of(body.getBytes(StandardCharsets.UTF_8)), type));
      return exchange(a, c, routed(request, url, routes), url, "POST " + target(url, routes),
          bodyLimit);
    });
  }

  /** The request to the mapped address, if {@code url}'s host and port are mapped. */
  private static Request.Builder routed(Request.Builder request, HttpUrl url,
      HttpRoutes routes) {
    Optional<HostPort> to = routes.route(url.host(), url.port());
    return request.url(to.isEmpty() ? url
        : url.newBuilder().host(to.get().host()).port(to.get().port()).build());
  }

  /** `http://gateway:4000`, with ` (via 127.0.0.1:18080)` when the address is mapped. */
  private static String target(HttpUrl url, HttpRoutes routes) {
    Optional<HostPort> to = routes.route(url.host(), url.port());
    return HttpOrigin.withPort(url) + to.map(h -> " (via " + h + ")").orElse("");
  }

  private static Value exchange(CallArgs a, CallContext c, Request.Builder request,
      HttpUrl asWritten, String target, int bodyLimit) throws Exception {
    if (a.has("headers")) {
      // the request has no headers yet; `content_type:` wins over a Content-Type here
      request.headers(RequestHeaders.of(a.get("headers")));
    }
    if (request.build().url().port() != asWritten.port()
        || !request.build().url().host().equals(asWritten.host())) {
      // connected elsewhere: the server still hears the name the runbook used
      request.header("Host", HttpOrigin.hostHeader(asWritten));
    }
    Duration timeout = duration(a, "timeout", DEFAULT_TIMEOUT);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(target + ": `timeout` must be more than 0s");
    }
    Request built = request.build();
    DeadlineExchange.Reply reply = DeadlineExchange.exchange(
        HttpClients.forMethod(built.method()), built, c, timeout, target, bodyLimit);
    if (reply.truncated()) {
      c.log(target + ": body cut to its first " + bodyLimit + " bytes"
          + (reply.bodyBytes() > 0 ? " of " + reply.bodyBytes() : ""));
    }
    return response(reply.status(), reply.latency(), reply.body());
  }

  private static HttpUrl url(CallArgs a) {
    String text = string(a, "url").strip();
    HttpUrl url = HttpUrl.parse(text);
    if (url == null) {
      throw new IllegalArgumentException("`" + describe(text)
          + "` is not an http:// or https:// URL");
    }
    return url;
  }

  /** A URL that did not parse, shown without what follows `?` (a query may hold a token). */
  private static String describe(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  private static Value.Rec response(int status, Duration latency, String body) {
    return RecordTypes.response(status, latency, body);
  }

}
