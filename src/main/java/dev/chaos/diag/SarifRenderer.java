package dev.chaos.diag;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning dashboards, shaped like checkstyle's template.
 * Rules list every code used (the code is the ruleId), each with its title and, as text, where
 * docs/diagnostics.md explains it: the project has no fixed web address to link to. Locations
 * carry the path as given.
 */
public final class SarifRenderer implements Renderer {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  /** Where the codes are explained, relative to the project's root. */
  static final String DIAGNOSTICS_DOC = "docs/diagnostics.md";

  private final String toolVersion;

  public SarifRenderer(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  @Override
  public String render(List<Diagnostic> diagnostics, List<SourceFile> files) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "chaos");
    driver.put("version", toolVersion);

    List<Code> rules = new ArrayList<>();
    diagnostics.stream().map(Diagnostic::code).distinct().sorted().forEach(rules::add);
    ArrayNode ruleNodes = driver.putArray("rules");
    for (Code code : rules) {
      ObjectNode rule = ruleNodes.addObject();
      rule.put("id", code.name());
      rule.putObject("shortDescription").put("text", code.title());
      rule.putObject("help").put("text", code.name() + " (" + code.title() + "): see "
          + DIAGNOSTICS_DOC + "#" + code.docsAnchor() + " for what it means and how to fix it");
      rule.putObject("defaultConfiguration").put("level", level(code.severity()));
    }

    ArrayNode results = run.putArray("results");
    for (Diagnostic d : diagnostics) {
      ObjectNode result = results.addObject();
      result.put("ruleId", d.code().name());
      result.put("ruleIndex", rules.indexOf(d.code()));
      result.put("level", level(d.severity()));
      result.putObject("message").put("text", DiagnosticText.full(d));
      putLocation(result.putArray("locations").addObject(), d.span());
      if (!d.related().isEmpty()) {
        ArrayNode related = result.putArray("relatedLocations");
        for (int i = 0; i < d.related().size(); i++) {
          ObjectNode location = related.addObject();
          location.put("id", i);
          putLocation(location, d.related().get(i).span());
          location.putObject("message").put("text", d.related().get(i).label());
        }
      }
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static String level(Severity severity) {
    return severity == Severity.ERROR ? "error" : "warning";
  }

  private static void putLocation(ObjectNode location, Span span) {
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uriReference(span.source().path()));
    putRegion(physical.putObject("region"), span);
  }

  private static void putRegion(ObjectNode region, Span span) {
    region.put("startLine", span.startLine());
    region.put("startColumn", span.startColumn());
    region.put("endLine", span.endLine());
    region.put("endColumn", span.endColumn());
  }

  /**
   * The path as a relative URI reference: `/` kept, RFC 3986 unreserved characters kept, every
   * other byte of its UTF-8 form percent-encoded (a space becomes %20).
   */
  static String uriReference(String path) {
    StringBuilder uri = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
      if (keep) {
        uri.append(c);
      } else {
        uri.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return uri.toString();
  }
}
