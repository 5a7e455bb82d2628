package dev.chaos.diag;

import dev.chaos.source.Span;
import java.util.List;

/**
 * One problem at one place. {@code message} stands alone ("unknown function `k8s.kill_pod`");
 * {@code label} is printed under the caret ("not provided by driver `k8s`"); each help line
 * proposes a fix.
 */
public record Diagnostic(Code code, Severity severity, Span span, String message, String label,
    List<String> helps) {
  public Diagnostic {
    helps = List.copyOf(helps);
    label = label == null ? "" : label;
  }

  public static Diagnostic of(Code code, Span span, String message) {
    return new Diagnostic(code, code.severity(), span, message, "", List.of());
  }

  public Diagnostic withLabel(String newLabel) {
    return new Diagnostic(code, severity, span, message, newLabel, helps);
  }

  public Diagnostic withHelp(String help) {
    var more = new java.util.ArrayList<>(helps);
    more.add(help);
    return new Diagnostic(code, severity, span, message, label, more);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
