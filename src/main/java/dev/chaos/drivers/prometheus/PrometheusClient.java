package dev.chaos.drivers.prometheus;

import dev.chaos.spi.CallContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * One Prometheus server over its HTTP API: instant queries ({@code /api/v1/query}), active
 * alerts ({@code /api/v1/alerts}) and readiness ({@code /-/ready}). Every call is bounded by
 * the deadline of the driver call and cancelled when the calling thread is interrupted. Thread
 * safe; close it when the run ends.
 */
public final class PrometheusClient implements AutoCloseable {
  private final HttpUrl base;
  private final String target;
  private final String bearerToken;
  private final OkHttpClient http;
  private final PromJson json;

  /**
   * @param baseUrl the server, with its path prefix if it has one
   *     ({@code http://127.0.0.1:19090}, {@code https://example.org/prometheus/})
   * @param bearerToken sent as {@code Authorization: Bearer ...}; null for none
   * @throws IllegalArgumentException when {@code baseUrl} is not an http(s) URL
   */
  public PrometheusClient(String baseUrl, String bearerToken) {
    HttpUrl parsed = HttpUrl.parse(baseUrl.strip());
    if (parsed == null) {
      throw new IllegalArgumentException("prometheus URL `" + baseUrl
          + "` is not an http:// or https:// URL");
    }
    this.base = parsed;
    this.target = describe(parsed);
    this.bearerToken = bearerToken;
    this.json = new PromJson(target);
    OkHttpClient client = new OkHttpClient.Builder()
        // only the call's deadline bounds an exchange (set per call), so that every timeout
        // means "the deadline passed"
        .connectTimeout(Duration.ZERO)
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        // every query only reads: one that meets a kept-alive connection the server closed
        // while idle is sent again on a new one, rather than turning a guard into an `error`
        .retryOnConnectionFailure(true)
        .build();
    // probes of several guards may query at once: do not queue them behind OkHttp's default of 5
    client.dispatcher().setMaxRequestsPerHost(64);
    this.http = client;
  }

  /** The server as messages name it: scheme, host, port and path, never credentials. */
  public String target() {
    return target;
  }

  /** The result of the instant query {@code promql}, evaluated now. */
  InstantResult query(String promql, CallContext context)
      throws PrometheusException, InterruptedException {
    HttpUrl.Builder url = endpoint("api/v1/query").addQueryParameter("query", promql);
    Duration budget = Duration.between(context.clock().now(), context.deadline());
    if (budget.toMillis() > 0) {
      // Prometheus stops evaluating when the caller has stopped waiting
      url.addQueryParameter("timeout",
          String.format(Locale.ROOT, "%.3f", budget.toMillis() / 1000.0));
    }
    HttpReply reply = DeadlineCall.exchange(http, request(url.build()), context, target);
    return json.instant(json.data(reply, "query"), promql);
  }

  /** Every active alert, firing or pending. */
  List<ActiveAlert> alerts(CallContext context) throws PrometheusException, InterruptedException {
    HttpReply reply = DeadlineCall.exchange(http,
        request(endpoint("api/v1/alerts").build()), context, target);
    return json.alerts(json.data(reply, "alerts"));
  }

  /**
   * Whether {@code /-/ready} answers 200. Not answering at all (refused, unreachable, out of
   * time) is not ready either: a readiness check reports, it does not fail.
   */
  boolean ready(CallContext context) throws InterruptedException {
    try {
      return DeadlineCall.exchange(http, request(endpoint("-/ready").build()), context, target)
          .status() == 200;
    } catch (PrometheusException unreachable) {
      return false;
    }
  }

  @Override
  public void close() {
    http.dispatcher().cancelAll();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private HttpUrl.Builder endpoint(String path) {
    return base.newBuilder().addPathSegments(path);
  }

  private Request request(HttpUrl url) {
    Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
    if (bearerToken != null && !bearerToken.isEmpty()) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    return request.build();
  }

  private static String describe(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    String port = url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port();
    String path = url.encodedPath().replaceAll("/+$", "");
    return url.scheme() + "://" + host + port + path;
  }
}
