package dev.chaos.runtime.html;

import java.util.List;

/** The key to the charts: each kind of span and mark, the sample outcomes, the threshold. */
public final class Legend {
  private Legend() {}

  public static String html() {
    StringBuilder out = new StringBuilder("<ul class=\"legend\">");
    for (Marks.Kind kind : Marks.Kind.values()) {
      boolean span = kind == Marks.Kind.BASELINE || kind == Marks.Kind.CHAOS;
      Svg swatch = new Svg(26, 14, kind.legend());
      if (span) {
        swatch.rect(1, 1, 24, 12, "band band-" + kind.css(), null);
      } else {
        swatch.line(13, 0, 13, 14, "mark mark-" + kind.css(), null);
      }
      item(out, swatch.done(), kind.legend());
    }
    for (String outcome : List.of("true", "false", "error")) {
      Svg swatch = new Svg(26, 14, "sample " + outcome);
      swatch.circle(13, 7, 4.5, "dot dot-" + outcome, null);
      item(out, swatch.done(), switch (outcome) {
        case "true" -> "sample that held";
        case "false" -> "sample that did not hold";
        default -> "sample that failed (error)";
      });
    }
    Svg threshold = new Svg(26, 14, "threshold");
    threshold.line(0, 7, 26, 7, "threshold", null);
    item(out, threshold.done(), "the expectation's threshold");
    return out.append("</ul>").toString();
  }

  private static void item(StringBuilder out, String swatch, String words) {
    out.append("<li>").append(swatch).append(' ').append(Html.escape(words)).append("</li>");
  }
}
