package dev.chaos.spi.yaml;

import dev.chaos.spi.yaml.YamlNode.Scalar.ScalarType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads one YAML document into a {@link YamlNode} tree, keeping each token's line and column.
 * Aliases (`*ctx`) stand for the mapping or list their anchor (`&ctx`) names, and `<<: *base`
 * merges a mapping into another, as YAML 1.1 has it; an alias of a single value is refused (the
 * parser does not report those anchors) rather than read as the alias's name; what aliases
 * expand to is bounded ({@link #MAX_VALUES}) so that a "billion laughs" document is refused
 * instead of filling the memory.
 */
public final class YamlReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  /**
   * The YAML scanner reads its input this many characters at a time, and copies what it holds
   * of the current token each time: a scalar of a million characters was copied a thousand
   * times (3 GB allocated, 4 times as much at twice the length; found by the scaling pass of
   * bench/fuzz.sh). A longer text is read in one piece.
   */
  private static final int SCANNER_CHUNK = 1024;

  /** Mappings and sequences inside one another: far beyond any config or world file. */
  public static final int MAX_DEPTH = 100;

  /** Values in the document once every alias is expanded. */
  public static final long MAX_VALUES = 1_000_000;

  private static final String MERGE_KEY = "<<";

  private final Path file;
  private final JsonParser parser;
  private final Map<String, YamlNode> anchors = new HashMap<>();
  /** The number of values each anchored node stands for, aliases inside it expanded. */
  private final Map<YamlNode, Long> anchoredSizes = new IdentityHashMap<>();
  private long values;
  private int depth;

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

  /** The default factory, or for a text longer than a chunk one that reads it whole. */
  private static YAMLFactory factoryFor(String text) {
    return text.length() < SCANNER_CHUNK ? FACTORY : YAMLFactory.builder()
        .loadSettings(LoadSettings.builder().setBufferSize(text.length() + 1).build()).build();
  }

  /** As {@link #read(Path, String)}; {@code what} ("the config file") names it in messages. */
  public static YamlNode read(Path file, String text, String what) throws YamlException {
    try (JsonParser parser = factoryFor(text).createParser(text)) {
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
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      // the YAML parser's own failure on some damaged input (found by fuzzing)
      throw new YamlException(Origin.ofFile(file), "malformed YAML: the YAML parser cannot read"
          + " " + what + " (" + e.getClass().getSimpleName() + ")", e);
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
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      return alias(at, parser.getText());
    }
    Object anchor = parser.getObjectId();
    long before = values;
    YamlNode node = plainValue(token, at);
    if (anchor != null) {
      anchors.put(anchor.toString(), node);
      anchoredSizes.put(node, values - before);
    }
    return node;
  }

  /** The anchored value an alias names, placed where the alias is written. */
  private YamlNode alias(TokenStreamLocation at, String name) throws YamlException {
    YamlNode anchored = anchors.get(name);
    if (anchored == null) {
      // Jackson reports the anchors of mappings and lists only, not those of single values
      throw error(at, "the alias `*" + name + "` names no mapping or list anchored `&" + name
          + "` before it (an alias of a single value is not read): write the value out here");
    }
    count(at, anchoredSizes.getOrDefault(anchored, 1L));
    return relocated(anchored, at.getLineNr(), at.getColumnNr());
  }

  private static YamlNode relocated(YamlNode node, int line, int column) {
    if (node instanceof YamlNode.Mapping m) {
      return new YamlNode.Mapping(line, column, m.entries());
    }
    if (node instanceof YamlNode.Sequence s) {
      return new YamlNode.Sequence(line, column, s.items());
    }
    YamlNode.Scalar scalar = (YamlNode.Scalar) node;
    return new YamlNode.Scalar(line, column, scalar.text(), scalar.type());
  }

  private void count(TokenStreamLocation at, long more) throws YamlException {
    values += more;
    if (values > MAX_VALUES) {
      throw error(at, "the document's aliases expand to more than " + MAX_VALUES
          + " values; write the values out or use fewer aliases of aliases");
    }
  }

  private YamlNode plainValue(JsonToken token, TokenStreamLocation at) throws YamlException {
    int line = at.getLineNr();
    int column = at.getColumnNr();
    count(at, 1);
    switch (token) {
      case START_OBJECT:
        enter(at);
        YamlNode.Mapping mapping = mapping(line, column);
        depth--;
        return mapping;
      case START_ARRAY:
        enter(at);
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          items.add(value(t));
        }
        depth--;
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
      case VALUE_EMBEDDED_OBJECT:
        throw error(at, "a `" + tag() + "` value is not read here: write it as plain text");
      default:
        throw error(at, "unexpected YAML content (" + token + ")");
    }
  }

  private String tag() {
    String tag = parser instanceof YAMLParser yaml ? yaml.getRawTag() : null;
    return tag == null ? "!!binary" : tag.startsWith("tag:yaml.org,2002:")
        ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
  }

  private void enter(TokenStreamLocation at) throws YamlException {
    if (++depth > MAX_DEPTH) {
      throw error(at, "mappings and lists are nested too deep: more than " + MAX_DEPTH
          + " levels");
    }
  }

  private YamlNode.Mapping mapping(int line, int column) throws YamlException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    Map<String, YamlNode.Entry> merged = new LinkedHashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      TokenStreamLocation keyAt = parser.currentTokenLocation();
      if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        throw error(keyAt, "an alias cannot be a key: write the key out");
      }
      String key = parser.currentName();
      if (entries.containsKey(key)) {
        YamlNode.Entry first = entries.get(key);
        throw error(keyAt, "duplicate key `" + key + "` (first written at line " + first.line() + ")");
      }
      YamlNode value = value(parser.nextToken());
      if (key.equals(MERGE_KEY)) {
        merge(keyAt, value, merged);
        continue;
      }
      entries.put(key, new YamlNode.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
    }
    // keys written in the mapping win over merged ones, as YAML's merge key has it
    merged.forEach(entries::putIfAbsent);
    return new YamlNode.Mapping(line, column, entries);
  }

  /** `<<: *base` or `<<: [*a, *b]`: the first mapping that has a key gives its value. */
  private void merge(TokenStreamLocation at, YamlNode value, Map<String, YamlNode.Entry> merged)
      throws YamlException {
    List<YamlNode> sources = value instanceof YamlNode.Sequence s ? s.items() : List.of(value);
    for (YamlNode source : sources) {
      if (!(source instanceof YamlNode.Mapping m)) {
        throw error(at, "`<<` merges mappings, not " + source.describe());
      }
      m.entries().forEach(merged::putIfAbsent);
    }
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
