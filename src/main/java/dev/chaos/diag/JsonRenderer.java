package dev.chaos.diag;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * `--format json`: counts, the files checked and every diagnostic with its span as offsets and as
 * 1-based lines and columns (end column exclusive, UTF-16 units, as SARIF counts them), the
 * other places it involves ({@code related}: label, file, span), and its mechanical fixes
 * ({@code fixes}: title, file, span, replacement), which a tool may apply.
 */
public final class JsonRenderer implements Renderer {
  @Override
  public String render(List<Diagnostic> diagnostics, List<SourceFile> files) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode counts = root.putObject("counts");
    counts.put("files", files.size());
    counts.put("errors", DiagnosticText.errors(diagnostics));
    counts.put("warnings", DiagnosticText.warnings(diagnostics));
    ArrayNode paths = root.putArray("files");
    files.forEach(f -> paths.add(f.path()));
    ArrayNode list = root.putArray("diagnostics");
    for (Diagnostic d : diagnostics) {
      ObjectNode node = list.addObject();
      node.put("code", d.code().name());
      node.put("severity", d.severity().label());
      node.put("title", d.code().title());
      node.put("message", d.message());
      node.put("label", d.label());
      ArrayNode helps = node.putArray("helps");
      d.helps().forEach(helps::add);
      node.put("file", d.span().source().path());
      putSpan(node.putObject("span"), d.span());
      ArrayNode related = node.putArray("related");
      for (Related r : d.related()) {
        ObjectNode place = related.addObject();
        place.put("label", r.label());
        place.put("file", r.span().source().path());
        putSpan(place.putObject("span"), r.span());
      }
      ArrayNode fixes = node.putArray("fixes");
      for (Fix f : d.fixes()) {
        ObjectNode fix = fixes.addObject();
        fix.put("title", f.title());
        fix.put("file", f.span().source().path());
        putSpan(fix.putObject("span"), f.span());
        fix.put("replacement", f.replacement());
      }
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static void putSpan(ObjectNode node, Span span) {
    node.put("start", span.start());
    node.put("end", span.end());
    node.put("startLine", span.startLine());
    node.put("startColumn", span.startColumn());
    node.put("endLine", span.endLine());
    node.put("endColumn", span.endColumn());
  }
}
