package dev.chaos.runtime.html;

import java.time.Instant;
import java.util.List;

/**
 * What happened when, drawn across every chart of a run: spans (the baseline, the chaos window,
 * phases, steps) and instants (a step's start, a guard violation, the abort, the recovery
 * deadline).
 */
public record Marks(List<Span> spans, List<Mark> marks) {
  public Marks {
    spans = List.copyOf(spans);
    marks = List.copyOf(marks);
  }

  /** The kinds of marks, each with its CSS class and its words in the legend. */
  public enum Kind {
    BASELINE("baseline", "baseline phase"),
    CHAOS("chaos", "chaos window (first mutating step start to undo end)"),
    STEP("step", "step start"),
    VIOLATION("violation", "guard violation"),
    ABORT("abort", "abort"),
    DEADLINE("deadline", "recovery deadline"),
    WARNING("warning", "guard warning (degraded)"),
    ESCALATION("escalation", "escalation: people told");

    private final String css;
    private final String legend;

    Kind(String css, String legend) {
      this.css = css;
      this.legend = legend;
    }

    public String css() {
      return css;
    }

    public String legend() {
      return legend;
    }
  }

  public record Span(Kind kind, Instant from, Instant to, String label) {}

  public record Mark(Kind kind, Instant at, String label) {}
}
