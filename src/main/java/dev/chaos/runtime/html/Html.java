package dev.chaos.runtime.html;

/**
 * Text made safe to place in HTML and SVG, in element content and in quoted attributes alike.
 * Runbook names and server messages reach the page through here only, so a `<script>` in a
 * step's name is shown, never run. Characters XML forbids (controls other than tab and line
 * breaks) become U+FFFD, so the page stays well-formed.
 */
public final class Html {
  private Html() {}

  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
