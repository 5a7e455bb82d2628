package dev.chaos.diag;

import dev.chaos.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One problem at one place. {@code message} stands alone ("unknown function `k8s.kill_pod`");
 * {@code label} is printed under the caret ("not provided by driver `k8s`"); each help line
 * proposes a fix; {@code related} are other places the problem involves ("first defined here");
 * {@code fixes} are the helps that are mechanical edits, which an editor can apply.
 */
public record Diagnostic(Code code, Severity severity, Span span, String message, String label,
    List<String> helps, List<Related> related, List<Fix> fixes) {
  public Diagnostic {
    helps = List.copyOf(helps);
    related = List.copyOf(related);
    fixes = List.copyOf(fixes);
    label = label == null ? "" : label;
  }

  public Diagnostic(Code code, Severity severity, Span span, String message, String label,
      List<String> helps, List<Related> related) {
    this(code, severity, span, message, label, helps, related, List.of());
  }

  public Diagnostic(Code code, Severity severity, Span span, String message, String label,
      List<String> helps) {
    this(code, severity, span, message, label, helps, List.of());
  }

  public static Diagnostic of(Code code, Span span, String message) {
    return new Diagnostic(code, code.severity(), span, message, "", List.of());
  }

  public Diagnostic withLabel(String newLabel) {
    return new Diagnostic(code, severity, span, message, newLabel, helps, related, fixes);
  }

  public Diagnostic withHelp(String help) {
    List<String> more = new ArrayList<>(helps);
    more.add(help);
    return new Diagnostic(code, severity, span, message, label, more, related, fixes);
  }

  /** The same diagnostic, also pointing at {@code where} with {@code why} under it. */
  public Diagnostic withRelated(Span where, String why) {
    List<Related> more = new ArrayList<>(related);
    more.add(new Related(where, why));
    return new Diagnostic(code, severity, span, message, label, helps, more, fixes);
  }

  /** The same diagnostic with one more mechanical fix. */
  public Diagnostic withFix(Fix fix) {
    List<Fix> more = new ArrayList<>(fixes);
    more.add(fix);
    return new Diagnostic(code, severity, span, message, label, helps, related, more);
  }

  /**
   * The same diagnostic with the fixes its help lines spell out ({@link Fix#fromHelp}), when it
   * has none yet: a "did you mean" or a unit is the same edit whichever check reported it.
   */
  public Diagnostic withFixesFromHelps() {
    if (!fixes.isEmpty() || helps.isEmpty()) {
      return this;
    }
    List<Fix> found = new ArrayList<>();
    for (String help : helps) {
      Fix.fromHelp(span, help).ifPresent(found::add);
    }
    return found.isEmpty() ? this
        : new Diagnostic(code, severity, span, message, label, helps, related, found);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
