package dev.chaos.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a pod gives a process to reach its own cluster: the API server's address
 * (`KUBERNETES_SERVICE_HOST`/`PORT`) and the service account's token, CA and namespace, mounted
 * at {@link #DEFAULT_DIR}. `CHAOS_SERVICEACCOUNT_DIR` names another folder (a test's simulated
 * pod); `CHAOS_KUBERNETES_SCHEME=http` is for tests against a plain-HTTP API only (the lab's):
 * a real API server always speaks HTTPS.
 */
public record PodEnvironment(Path dir, String host, int port, String scheme) {
  public static final Path DEFAULT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  /** The pod environment when it is all there: both variables and a token file. */
  public static Optional<PodEnvironment> detect(Map<String, String> environment) {
    String host = environment.get("KUBERNETES_SERVICE_HOST");
    String port = environment.getOrDefault("KUBERNETES_SERVICE_PORT", "");
    String dir = environment.get("CHAOS_SERVICEACCOUNT_DIR");
    Path folder = dir == null || dir.isBlank() ? DEFAULT_DIR : Path.of(dir);
    if (host == null || host.isBlank() || !port.matches("[0-9]{1,5}")
        || !Files.isRegularFile(folder.resolve("token"))) {
      return Optional.empty();
    }
    String scheme = "http".equals(environment.get("CHAOS_KUBERNETES_SCHEME")) ? "http" : "https";
    return Optional.of(new PodEnvironment(folder, host.trim(), Integer.parseInt(port), scheme));
  }

  /** Why {@link #detect} found none: what an `in_cluster: true` run outside a pod is told. */
  public static String missing(Map<String, String> environment) {
    String dir = environment.get("CHAOS_SERVICEACCOUNT_DIR");
    Path folder = dir == null || dir.isBlank() ? DEFAULT_DIR : Path.of(dir);
    if (environment.get("KUBERNETES_SERVICE_HOST") == null) {
      return "KUBERNETES_SERVICE_HOST is not set: this is not a pod";
    }
    if (!environment.getOrDefault("KUBERNETES_SERVICE_PORT", "").matches("[0-9]{1,5}")) {
      return "KUBERNETES_SERVICE_PORT is not a port number";
    }
    return "no service-account token at " + folder.resolve("token")
        + " (is automountServiceAccountToken off?)";
  }

  /** https://HOST:PORT, an IPv6 host in brackets. */
  public String url() {
    String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return scheme + "://" + shown + ":" + port;
  }

  public Path token() {
    return dir.resolve("token");
  }

  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  /** The pod's namespace, "" when the file is absent. */
  public String namespace() {
    try {
      Path file = dir.resolve("namespace");
      return Files.isRegularFile(file) ? Files.readString(file).trim() : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
