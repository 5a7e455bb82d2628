package dev.chaos.units;

/**
 * A text refused as a duration, percentage or quantity. The message is one line that names the
 * text and what is allowed, the same wherever the text was written; a caller adds only where
 * (`chaos.yaml:6:16: ...`, `w.yaml: redis.ping: ...`).
 */
public final class UnitException extends IllegalArgumentException {
  private final String text;
  private final UnitProblem problem;
  private final String suggestion;

  UnitException(String text, UnitProblem problem, String allowed, String suggestion) {
    super("`" + text + "` " + allowed + (suggestion == null ? "" : "; did you mean `" + suggestion + "`?"));
    this.text = text;
    this.problem = problem;
    this.suggestion = suggestion;
  }

  /** The refused text, as written. */
  public String text() {
    return text;
  }

  public UnitProblem problem() {
    return problem;
  }

  /** The text that was probably meant, or null when there is no good guess. */
  public String suggestion() {
    return suggestion;
  }
}
