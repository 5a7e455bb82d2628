package dev.chaos.drivers.http;

import okhttp3.HttpUrl;

/** How messages name a server: its origin, without path, query, user or password. */
public final class HttpOrigin {
  private HttpOrigin() {}

  /** {@code http://127.0.0.1:8080}: scheme, host and port, the port always written. */
  public static String withPort(HttpUrl url) {
    return url.scheme() + "://" + host(url) + ":" + url.port();
  }

  /** {@code https://hooks.example.org}: the port only when it is not the scheme's default. */
  public static String of(HttpUrl url) {
    return url.scheme() + "://" + host(url)
        + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
  }

  /** The `Host` header for {@code url}: host, and port when not the scheme's default. */
  public static String hostHeader(HttpUrl url) {
    return host(url) + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
  }

  private static String host(HttpUrl url) {
    return url.host().contains(":") ? "[" + url.host() + "]" : url.host();
  }
}
