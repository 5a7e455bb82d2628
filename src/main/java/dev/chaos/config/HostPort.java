package dev.chaos.config;

/** A `host:port` address; IPv6 hosts are written in brackets (`[::1]:6379`). */
public record HostPort(String host, int port) {
  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }

  /** Null when {@code text} is not `host:port` with a port in 1..65535. */
  static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null;
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      return null;
    }
    String port = text.substring(colon + 1);
    if (host.isEmpty() || !port.chars().allMatch(Character::isDigit) || port.length() > 5) {
      return null;
    }
    int number = Integer.parseInt(port);
    return number >= 1 && number <= 65535 ? new HostPort(host, number) : null;
  }
}
