package dev.chaos.runtime.html;

import java.util.List;
import java.util.Locale;

/**
 * A small writer of inline SVG: shapes with a CSS class (the page's style sheet colours them),
 * text always escaped, and a tooltip ({@code <title>}) where the browser shows one on hover,
 * so that a chart can be read without JavaScript.
 */
public final class Svg {
  private final StringBuilder out = new StringBuilder();

  /** An SVG of {@code width} by {@code height}, described by {@code label} for screen readers. */
  public Svg(int width, int height, String label) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(label)).append("\">");
  }

  public Svg line(double x1, double y1, double x2, double y2, String cssClass, String tip) {
    out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"")
        .append(n(x2)).append("\" y2=\"").append(n(y2)).append('"');
    return close("line", cssClass, tip);
  }

  public Svg rect(double x, double y, double width, double height, String cssClass, String tip) {
    out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
        .append(n(Math.max(width, 0))).append("\" height=\"").append(n(Math.max(height, 0)))
        .append('"');
    return close("rect", cssClass, tip);
  }

  public Svg circle(double cx, double cy, double r, String cssClass, String tip) {
    out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy))
        .append("\" r=\"").append(n(r)).append('"');
    return close("circle", cssClass, tip);
  }

  /** A line through {@code points} (x, y pairs). */
  public Svg polyline(List<double[]> points, String cssClass) {
    out.append("<polyline points=\"");
    for (double[] p : points) {
      out.append(n(p[0])).append(',').append(n(p[1])).append(' ');
    }
    out.append('"');
    return close("polyline", cssClass, null);
  }

  /** A closed shape through {@code points} (x, y pairs). */
  public Svg polygon(List<double[]> points, String cssClass, String tip) {
    out.append("<polygon points=\"");
    for (double[] p : points) {
      out.append(n(p[0])).append(',').append(n(p[1])).append(' ');
    }
    out.append('"');
    return close("polygon", cssClass, tip);
  }

  /** {@code anchor} is `start`, `middle` or `end`. */
  public Svg text(double x, double y, String anchor, String cssClass, String text) {
    out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y))
        .append("\" text-anchor=\"").append(anchor).append('"');
    if (cssClass != null) {
      out.append(" class=\"").append(cssClass).append('"');
    }
    out.append('>').append(Html.escape(text)).append("</text>");
    return this;
  }

  /** A group of shapes sharing a tooltip; end it with {@link #end()}. */
  public Svg group(String cssClass, String tip) {
    out.append("<g");
    if (cssClass != null) {
      out.append(" class=\"").append(cssClass).append('"');
    }
    out.append('>');
    if (tip != null) {
      out.append("<title>").append(Html.escape(tip)).append("</title>");
    }
    return this;
  }

  public Svg end() {
    out.append("</g>");
    return this;
  }

  public String done() {
    return out + "</svg>";
  }

  private Svg close(String element, String cssClass, String tip) {
    if (cssClass != null) {
      out.append(" class=\"").append(cssClass).append('"');
    }
    if (tip == null) {
      out.append("/>");
    } else {
      out.append("><title>").append(Html.escape(tip)).append("</title></").append(element)
          .append('>');
    }
    return this;
  }

  private static String n(double v) {
    double rounded = Math.round(v * 10) / 10.0;
    return rounded == Math.rint(rounded) ? Long.toString((long) rounded)
        : String.format(Locale.ROOT, "%.1f", rounded);
  }
}
