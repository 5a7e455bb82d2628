package dev.chaos.spi.yaml;

import dev.chaos.spi.yaml.YamlNode.Scalar.ScalarType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;

/** Reads one YAML document into a {@link YamlNode} tree, keeping each token's line and column. */
public final class YamlReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final Path file;
  private final JsonParser parser;

  private YamlReader(Path file, JsonParser parser) {
    this.file = file;
    this.parser = parser;
  }

  /**
   * The document's root; null for an empty document. {@code file} names it in messages; a
   * second document, a duplicate key or malformed YAML is an error at its line and column.
   */
  public static YamlNode read(Path file, String text) throws YamlException {
    return read(file, text, "the file");
  }

  /** As {@link #read(Path, String)}; {@code what} ("the config file") names it in messages. */
  public static YamlNode read(Path file, String text, String what) throws YamlException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      YamlReader tree = new YamlReader(file, parser);
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      YamlNode root = tree.value(first);
      if (parser.nextToken() != null) {
        throw tree.error(parser.currentTokenLocation(),
            what + " must hold one YAML document, found a second");
      }
      return root;
    } catch (JacksonException e) {
      throw malformed(file, e);
    }
  }

  /**
   * SnakeYAML's problem and its mark are the precise ones; Jackson's own location sometimes
   * points at the start of the scanned token instead (a tab in the indentation).
   */
  private static YamlException malformed(Path file, JacksonException e) {
    if (e.getCause() instanceof MarkedYamlEngineException) {
      MarkedYamlEngineException yaml = (MarkedYamlEngineException) e.getCause();
      if (yaml.getProblemMark().isPresent() && yaml.getProblem() != null) {
        Mark mark = yaml.getProblemMark().get();
        return new YamlException(new Origin(file, mark.getLine() + 1, mark.getColumn() + 1, ""),
            "malformed YAML: " + firstLine(yaml.getProblem()), e);
      }
    }
    TokenStreamLocation where = e.getLocation();
    int line = where == null ? 0 : where.getLineNr();
    int column = where == null ? 0 : where.getColumnNr();
    return new YamlException(new Origin(file, Math.max(line, 0), Math.max(column, 0), ""),
        "malformed YAML: " + firstLine(e.getOriginalMessage()), e);
  }

  private YamlNode value(JsonToken token) throws YamlException {
    TokenStreamLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    switch (token) {
      case START_OBJECT:
        return mapping(line, column);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          items.add(value(t));
        }
        return new YamlNode.Sequence(line, column, items);
      case VALUE_STRING:
        return new YamlNode.Scalar(line, column, parser.getText(), ScalarType.STRING);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new YamlNode.Scalar(line, column, parser.getText(), ScalarType.NUMBER);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new YamlNode.Scalar(line, column, parser.getText(), ScalarType.BOOLEAN);
      case VALUE_NULL:
        return new YamlNode.Scalar(line, column, "", ScalarType.NULL);
      default:
        throw error(at, "unexpected YAML content (" + token + ")");
    }
  }

  private YamlNode mapping(int line, int column) throws YamlException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      TokenStreamLocation keyAt = parser.currentTokenLocation();
      String key = parser.currentName();
      if (entries.containsKey(key)) {
        YamlNode.Entry first = entries.get(key);
        throw error(keyAt, "duplicate key `" + key + "` (first written at line " + first.line() + ")");
      }
      YamlNode value = value(parser.nextToken());
      entries.put(key, new YamlNode.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
    }
    return new YamlNode.Mapping(line, column, entries);
  }

  private YamlException error(TokenStreamLocation at, String problem) {
    return new YamlException(new Origin(file, at.getLineNr(), at.getColumnNr(), ""), problem);
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "cannot parse";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
