package dev.chaos.drivers.http;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The OkHttp clients of the `http` and `notify` drivers, which need no configuration of their
 * own. Only each call's deadline bounds an exchange (set per call), so the clients have no
 * timeouts; they do not follow redirects (a health check reports the status the URL answered,
 * as curl does). Their threads are daemons, so that a finished run does not wait for idle
 * connections to expire before the JVM exits.
 *
 * <p>Kept-alive connections are reused between calls, and a server may close one while it is
 * idle (a keep-alive timeout shorter than a guard's interval): the next request on it then
 * meets the end of the stream. An idempotent request is sent again on a new connection (a
 * guard's GET must not error, and abort the run, because of a connection it did not choose);
 * a POST never is, since the server may have acted on it.
 */
public final class HttpClients {
  private static final OkHttpClient SHARED = build();
  private static final OkHttpClient RETRYING = SHARED.newBuilder()
      .retryOnConnectionFailure(true).build();

  /** RFC 9110's idempotent methods: sending one twice has the effect of sending it once. */
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

  private HttpClients() {}

  /** The client that never sends a request twice. */
  public static OkHttpClient shared() {
    return SHARED;
  }

  /** The client for {@code method}: idempotent requests survive a connection the server closed. */
  public static OkHttpClient forMethod(String method) {
    return IDEMPOTENT.contains(method) ? RETRYING : SHARED;
  }

  private static OkHttpClient build() {
    AtomicInteger count = new AtomicInteger();
    ExecutorService threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "chaos-http-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    Dispatcher dispatcher = new Dispatcher(threads);
    // probes of several guards may call the same service at once: do not queue them behind
    // OkHttp's default of 5 per host, which would count a queued wait as latency
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectTimeout(java.time.Duration.ZERO)
        .readTimeout(java.time.Duration.ZERO)
        .writeTimeout(java.time.Duration.ZERO)
        .callTimeout(java.time.Duration.ZERO)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }
}
