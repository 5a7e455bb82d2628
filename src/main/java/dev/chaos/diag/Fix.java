package dev.chaos.diag;

import dev.chaos.source.Span;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mechanical fix of a diagnostic: replace the text of {@code span} with {@code replacement}.
 * Editors offer it as a quick fix (`chaos lsp` code actions); {@code title} says what it does
 * ("replace with `k8s.kill_pods`").
 */
public record Fix(String title, Span span, String replacement) {
  /** "did you mean `k8s.kill_pods`?", "did you mean `fraction:`?" */
  private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean `([^`]+)`\\?");

  /**
   * The house phrasings of a unit fix (check.UnitHelp): the span is the value as written and
   * the backticked text is what to write instead.
   */
  private static final Pattern WRITE_INSTEAD = Pattern.compile(
      "(?:write the number with its unit|write it as a duration literal|write it as a percentage"
          + "|a `Duration` needs a time unit|a `Percent` needs `%`): `([^`]+)`");

  public Fix {
    title = title == null || title.isEmpty() ? "replace with `" + replacement + "`" : title;
  }

  public static Fix replace(Span span, String replacement) {
    return new Fix("", span, replacement);
  }

  /**
   * The fix a help line spells out for the diagnostic at {@code span}, when it is mechanical: a
   * "did you mean" for the very word under the span (a string literal keeps its quotes, a named
   * argument loses the `:` the help shows), or a unit written where the value was. Empty for
   * advice a person has to carry out.
   */
  public static Optional<Fix> fromHelp(Span span, String help) {
    if (help == null) {
      return Optional.empty();
    }
    String written = span.text();
    Matcher meant = DID_YOU_MEAN.matcher(help);
    if (meant.matches()) {
      String word = meant.group(1);
      boolean quoted = written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"");
      String bare = quoted ? written.substring(1, written.length() - 1) : written;
      if (word.endsWith(":") && !bare.endsWith(":")) {
        word = word.substring(0, word.length() - 1);
      }
      // only when the span is the misspelled word itself, not a larger expression around it
      if (bare.isEmpty() || bare.contains("\n") || (!bare.equalsIgnoreCase(word)
          && Suggest.closest(bare, java.util.List.of(word)).isEmpty())) {
        return Optional.empty();
      }
      return Optional.of(replace(span, quoted ? "\"" + word + "\"" : word));
    }
    Matcher unit = WRITE_INSTEAD.matcher(help);
    if (unit.matches() && !written.contains("\n")) {
      return Optional.of(replace(span, unit.group(1)));
    }
    return Optional.empty();
  }
}
