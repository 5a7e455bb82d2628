package dev.chaos.diag;

/** ANSI styles for the text renderer; each returns its text unchanged when colour is off. */
final class Ansi {
  private static final String RESET = "\u001B[0m";

  private final boolean enabled;

  Ansi(boolean enabled) {
    this.enabled = enabled;
  }

  String bold(String text) {
    return style("\u001B[1m", text);
  }

  /** Bold blue, for the gutter, the arrow and `=`. */
  String gutter(String text) {
    return style("\u001B[1;34m", text);
  }

  /** Bold red for errors, bold yellow for warnings. */
  String severity(Severity severity, String text) {
    return style(severity == Severity.ERROR ? "\u001B[1;31m" : "\u001B[1;33m", text);
  }

  private String style(String code, String text) {
    return enabled && !text.isEmpty() ? code + text + RESET : text;
  }
}
