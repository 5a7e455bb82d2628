package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.Span;
import java.util.Arrays;
import java.util.Objects;

/** Adds diagnostics to the sink in the house style: message, label under the caret, helps. */
final class Reporter {
  private final Diagnostics sink;

  Reporter(Diagnostics sink) {
    this.sink = sink;
  }

  Diagnostics sink() {
    return sink;
  }

  /** Null helps are skipped, so callers can pass an optional suggestion directly. */
  void report(Code code, Span span, String message, String label, String... helps) {
    sink.add(new Diagnostic(code, code.severity(), span, message, label,
        Arrays.stream(helps).filter(Objects::nonNull).toList()));
  }

  /**
   * As {@link #report}, also pointing at {@code first}, the earlier place the problem involves,
   * with {@code firstLabel} under it ("first defined here").
   */
  void reportWithFirst(Span first, String firstLabel, Code code, Span span, String message,
      String label, String... helps) {
    sink.add(new Diagnostic(code, code.severity(), span, message, label,
        Arrays.stream(helps).filter(Objects::nonNull).toList()).withRelated(first, firstLabel));
  }

  /** "did you mean `x`?" or null. */
  static String didYouMean(String word, java.util.Collection<String> candidates) {
    return dev.chaos.diag.Suggest.closest(word, candidates)
        .map(s -> "did you mean `" + s + "`?")
        .orElse(null);
  }

  /** Wraps code in backticks. */
  static String tick(String s) {
    return "`" + s + "`";
  }
}
