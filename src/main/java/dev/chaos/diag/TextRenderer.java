package dev.chaos.diag;

import dev.chaos.source.LineMap;
import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import java.util.List;

/**
 * Human output in rustc's shape: header, location, the source line with carets under the span and
 * the label beside them, then help lines; a summary line ends the output.
 *
 * <pre>
 * error[CH0203]: unknown function `k8s.kill_pod`
 *   --> runbooks/pod-failure.chaos:31:5
 *    |
 * 31 |     k8s.kill_pod(backend, fraction: 30%)
 *    |     ^^^^^^^^^^^^ not provided by driver `k8s`
 *    = help: did you mean `k8s.kill_pods`?
 * </pre>
 *
 * A span over several lines underlines its first line to the end and adds `...`.
 */
public final class TextRenderer implements Renderer {
  private static final int TAB_WIDTH = 4;

  private final Ansi ansi;

  public TextRenderer(boolean color) {
    this.ansi = new Ansi(color);
  }

  @Override
  public String render(List<Diagnostic> diagnostics, List<SourceFile> files) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      appendDiagnostic(out, d);
      out.append('\n');
    }
    return out.append(summary(diagnostics, files.size())).append('\n').toString();
  }

  /** One diagnostic's block, without the summary. */
  public String renderOne(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    appendDiagnostic(out, d);
    return out.toString();
  }

  /**
   * "error: 2 errors, 1 warning (checked 3 files)", "warning: 1 warning (checked 1 file)" or
   * "checked 3 files: no problems".
   */
  public String summary(List<Diagnostic> diagnostics, int fileCount) {
    long errors = DiagnosticText.errors(diagnostics);
    long warnings = DiagnosticText.warnings(diagnostics);
    String checked = "checked " + DiagnosticText.count(fileCount, "file");
    if (errors == 0 && warnings == 0) {
      return checked + ": no problems";
    }
    Severity worst = errors > 0 ? Severity.ERROR : Severity.WARNING;
    String counts = errors > 0 ? DiagnosticText.count(errors, "error") : "";
    if (warnings > 0) {
      counts += (counts.isEmpty() ? "" : ", ") + DiagnosticText.count(warnings, "warning");
    }
    return ansi.severity(worst, worst.label()) + ansi.bold(": " + counts + " (" + checked + ")");
  }

  private void appendDiagnostic(StringBuilder out, Diagnostic d) {
    Span span = d.span();
    int width = Integer.toString(span.startLine()).length();
    for (Related related : d.related()) {
      width = Math.max(width, Integer.toString(related.span().startLine()).length());
    }
    String pad = " ".repeat(width);

    out.append(ansi.severity(d.severity(), d.severity().label() + "[" + d.code().name() + "]"))
        .append(ansi.bold(": " + printable(d.message()))).append('\n');
    out.append(pad).append(ansi.gutter("-->")).append(' ').append(place(span)).append('\n');
    appendSnippet(out, pad, span, '^', d.label(), d.severity());
    for (Related related : d.related()) {
      out.append(pad).append(' ').append(ansi.gutter("|")).append('\n');
      out.append(pad).append(ansi.gutter(":::")).append(' ').append(place(related.span()))
          .append('\n');
      appendSnippet(out, pad, related.span(), '-', related.label(), null);
    }
    for (String help : d.helps()) {
      out.append(pad).append(' ').append(ansi.gutter("=")).append(' ').append(ansi.bold("help"))
          .append(": ").append(printable(help)).append('\n');
    }
  }

  /** "runbooks/a.chaos:12:5", printable. */
  private static String place(Span span) {
    return printable(span.source().path()) + ":" + span.startLine() + ":" + span.startColumn();
  }

  /**
   * The span's first line with {@code mark}s under the span and the label beside them; in the
   * diagnostic's colour for the primary span, plain (null severity) for a related one.
   */
  private void appendSnippet(StringBuilder out, String pad, Span span, char mark, String label,
      Severity severity) {
    SourceFile source = span.source();
    LineMap lines = source.lines();
    int line = span.startLine();
    int lineStart = lines.lineStart(line);
    String lineText = source.text().substring(lineStart, lines.lineEnd(source.text(), line));

    // A span that stops at the next line's start covers this line only, with its line break.
    boolean multiLine = line < lines.lineCount() && span.end() > lines.lineStart(line + 1);
    int from = clamp(span.start() - lineStart, 0, lineText.length());
    int to = multiLine ? lineText.length()
        : clamp(span.end() - lineStart, from, lineText.length());
    int caretColumn = displayWidth(lineText, from);
    int caretCount = Math.max(1, displayWidth(lineText, to) - caretColumn);

    String number = Integer.toString(line);
    String emptyGutter = pad + " " + ansi.gutter("|");
    out.append(emptyGutter).append('\n');
    String shown = displayText(lineText);
    String numberGutter = " ".repeat(pad.length() - number.length()) + number + " |";
    out.append(ansi.gutter(numberGutter)).append(shown.isEmpty() ? "" : " " + shown).append('\n');
    String marks = String.valueOf(mark).repeat(caretCount) + (multiLine ? "..." : "");
    String text = marks + (label.isEmpty() ? "" : " " + printable(label));
    out.append(emptyGutter).append(' ').append(" ".repeat(caretColumn))
        .append(severity == null ? text : ansi.severity(severity, text)).append('\n');
  }

  /** Screen columns taken by the first {@code end} chars, with tabs expanded. */
  private static int displayWidth(String text, int end) {
    int column = 0;
    for (int i = 0; i < end; i += Character.charCount(text.codePointAt(i))) {
      column = advance(column, text.codePointAt(i));
    }
    return column;
  }

  /** The line as it is printed: tabs expanded to the columns {@link #displayWidth} counts. */
  private static String displayText(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    int column = 0;
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      int cp = text.codePointAt(i);
      int next = advance(column, cp);
      if (cp == '\t') {
        shown.append(" ".repeat(next - column));
      } else {
        shown.appendCodePoint(cp);
      }
      column = next;
    }
    return printable(shown.toString());
  }

  /** The column after printing {@code cp} at {@code column}. */
  private static int advance(int column, int cp) {
    if (cp == '\t') {
      return column + TAB_WIDTH - column % TAB_WIDTH;
    }
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
      return column;
    }
    return column + (isWide(cp) ? 2 : 1);
  }

  /** East Asian wide and full-width characters and emoji, which terminals draw two columns wide. */
  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
        || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  }

  /**
   * Control characters replaced, so that a source file (or a message quoting it) cannot send
   * escape sequences to the terminal.
   */
  private static String printable(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      shown.append(Character.isISOControl(c) ? '\uFFFD' : c);
    }
    return shown.toString();
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(value, max));
  }
}
