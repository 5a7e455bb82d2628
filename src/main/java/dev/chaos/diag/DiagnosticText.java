package dev.chaos.diag;

import java.util.List;

/** Plain-text pieces shared by the renderers. */
final class DiagnosticText {
  private DiagnosticText() {}

  /**
   * The message, its label and its helps as plain lines, for formats without a caret display:
   * "unknown function `k8s.kill_pod`: not provided by driver `k8s`\nhelp: did you mean ...".
   */
  static String full(Diagnostic d) {
    StringBuilder text = new StringBuilder(d.message());
    if (!d.label().isEmpty()) {
      text.append(": ").append(d.label());
    }
    for (Related related : d.related()) {
      text.append('\n').append(related.label().isEmpty() ? "see" : related.label()).append(": ")
          .append(place(related.span()));
    }
    for (String help : d.helps()) {
      text.append("\nhelp: ").append(help);
    }
    return text.toString();
  }

  /** "runbooks/a.chaos:12:5". */
  static String place(dev.chaos.source.Span span) {
    return span.source().path() + ":" + span.startLine() + ":" + span.startColumn();
  }

  static long errors(List<Diagnostic> diagnostics) {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  static long warnings(List<Diagnostic> diagnostics) {
    return diagnostics.size() - errors(diagnostics);
  }

  /** "1 error", "2 warnings". */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
