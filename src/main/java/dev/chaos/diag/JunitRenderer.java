package dev.chaos.diag;

import dev.chaos.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `--format junit`, shaped like eslint's junit formatter: one testsuite per file, one failing
 * testcase per diagnostic (named by its code, the rendered text as the failure's body), and one
 * passing testcase for a file without problems. Warnings are failures of type "warning".
 */
public final class JunitRenderer implements Renderer {
  private final TextRenderer text = new TextRenderer(false);

  @Override
  public String render(List<Diagnostic> diagnostics, List<SourceFile> files) {
    // Files checked keep their order; a diagnostic in an imported module adds that module's suite.
    Map<String, List<Diagnostic>> byFile = new LinkedHashMap<>();
    files.forEach(f -> byFile.put(f.path(), new ArrayList<>()));
    for (Diagnostic d : diagnostics) {
      byFile.computeIfAbsent(d.span().source().path(), p -> new ArrayList<>()).add(d);
    }
    int tests = 0;
    for (List<Diagnostic> ds : byFile.values()) {
      tests += Math.max(1, ds.size());
    }

    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites name=\"chaos check\" tests=\"").append(tests)
        .append("\" failures=\"").append(diagnostics.size()).append("\" errors=\"0\">\n");
    byFile.forEach((path, ds) -> appendSuite(xml, path, ds));
    return xml.append("</testsuites>\n").toString();
  }

  private void appendSuite(StringBuilder xml, String path, List<Diagnostic> ds) {
    String file = attribute(path);
    xml.append("  <testsuite name=\"").append(file)
        .append("\" tests=\"").append(Math.max(1, ds.size()))
        .append("\" failures=\"").append(ds.size())
        .append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
    if (ds.isEmpty()) {
      xml.append("    <testcase name=\"").append(file).append("\" classname=\"").append(file)
          .append("\" time=\"0\"/>\n");
    }
    for (Diagnostic d : ds) {
      xml.append("    <testcase name=\"").append(d.code().name())
          .append("\" classname=\"").append(file).append("\" time=\"0\">\n");
      xml.append("      <failure type=\"").append(d.severity().label()).append("\" message=\"")
          .append(attribute(d.message())).append("\">").append(content(text.renderOne(d)))
          .append("</failure>\n");
      xml.append("    </testcase>\n");
    }
    xml.append("  </testsuite>\n");
  }

  /** Character content: markup characters escaped, characters XML 1.0 forbids replaced. */
  public static String content(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> {
          boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
          if (pair) {
            out.append(c).append(s.charAt(++i));
          } else {
            out.append(allowedInXml(c) ? c : '\uFFFD');
          }
        }
      }
    }
    return out.toString();
  }

  /** An attribute value in double quotes; line breaks and tabs as references, not normalised. */
  public static String attribute(String s) {
    return content(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
        .replace("\t", "&#9;");
  }

  private static boolean allowedInXml(char c) {
    return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD);
  }
}
