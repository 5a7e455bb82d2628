package dev.chaos.diag;

import dev.chaos.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One problem at one place. {@code message} stands alone ("unknown function `k8s.kill_pod`");
 * {@code label} is printed under the caret ("not provided by driver `k8s`"); each help line
 * proposes a fix; {@code related} are other places the problem involves ("first defined here").
 */
public record Diagnostic(Code code, Severity severity, Span span, String message, String label,
    List<String> helps, List<Related> related) {
  public Diagnostic {
    helps = List.copyOf(helps);
    related = List.copyOf(related);
    label = label == null ? "" : label;
  }

  public Diagnostic(Code code, Severity severity, Span span, String message, String label,
      List<String> helps) {
    this(code, severity, span, message, label, helps, List.of());
  }

  public static Diagnostic of(Code code, Span span, String message) {
    return new Diagnostic(code, code.severity(), span, message, "", List.of());
  }

  public Diagnostic withLabel(String newLabel) {
    return new Diagnostic(code, severity, span, message, newLabel, helps, related);
  }

  public Diagnostic withHelp(String help) {
    List<String> more = new ArrayList<>(helps);
    more.add(help);
    return new Diagnostic(code, severity, span, message, label, more, related);
  }

  /** The same diagnostic, also pointing at {@code where} with {@code why} under it. */
  public Diagnostic withRelated(Span where, String why) {
    List<Related> more = new ArrayList<>(related);
    more.add(new Related(where, why));
    return new Diagnostic(code, severity, span, message, label, helps, more);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
