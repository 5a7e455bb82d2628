package dev.chaos.diag;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import java.util.List;

/**
 * `--format github`: one workflow command per diagnostic, which GitHub Actions shows as an
 * annotation on the pull request:
 * {@code ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CH0203::message}. Escaping
 * follows actions/toolkit `command.ts`. Columns are sent only for single-line spans, as the
 * toolkit requires.
 */
public final class GithubRenderer implements Renderer {
  @Override
  public String render(List<Diagnostic> diagnostics, List<SourceFile> files) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      Span span = d.span();
      boolean oneLine = span.startLine() == span.endLine();
      out.append("::").append(d.isError() ? "error" : "warning").append(' ');
      out.append("file=").append(escapeProperty(span.source().path()));
      out.append(",line=").append(span.startLine());
      if (oneLine) {
        out.append(",col=").append(span.startColumn());
      }
      out.append(",endLine=").append(span.endLine());
      if (oneLine) {
        out.append(",endColumn=").append(span.endColumn());
      }
      out.append(",title=").append(escapeProperty(d.code().name()));
      out.append("::").append(escapeData(DiagnosticText.full(d))).append('\n');
    }
    return out.toString();
  }

  /** A command's message: `%`, CR and LF encoded. */
  static String escapeData(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value: as data, and `:` and `,` too, which would end the value. */
  static String escapeProperty(String text) {
    return escapeData(text).replace(":", "%3A").replace(",", "%2C");
  }
}
