package dev.chaos.drivers.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client of the `http` and `notify` drivers, which need no configuration of
 * their own. Only each call's deadline bounds an exchange (set per call), so the client has no
 * timeouts; it neither retries (a POST may not be idempotent) nor follows redirects (a health
 * check reports the status the URL answered, as curl does). Its threads are daemons, so that a
 * finished run does not wait for idle connections to expire before the JVM exits.
 */
public final class HttpClients {
  private static final OkHttpClient SHARED = build();

  private HttpClients() {}

  public static OkHttpClient shared() {
    return SHARED;
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
