package dev.chaos.spi.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML tree that remembers where each key and value was written. Jackson's own tree drops
 * locations, so {@link YamlReader} builds this one from the parser's token locations. The one
 * reader of `chaos.yaml`, world files and drivers' own sections.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
  enum Kind { MAPPING, SEQUENCE, SCALAR }

  Kind kind();

  int line();

  int column();

  /** "a mapping", "a list", "a string", ... for "must be X, not Y" messages. */
  String describe();

  /** A key, where it was written, and its value. */
  record Entry(String key, int line, int column, YamlNode value) {}

  record Mapping(int line, int column, Map<String, Entry> entries) implements YamlNode {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Kind kind() {
      return Kind.MAPPING;
    }

    public String describe() {
      return "a mapping";
    }
  }

  record Sequence(int line, int column, List<YamlNode> items) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    public Kind kind() {
      return Kind.SEQUENCE;
    }

    public String describe() {
      return "a list";
    }
  }

  /** A scalar with its text as written; {@code type} says how YAML typed it. */
  record Scalar(int line, int column, String text, ScalarType type) implements YamlNode {
    public enum ScalarType { STRING, NUMBER, BOOLEAN, NULL }

    public Kind kind() {
      return Kind.SCALAR;
    }

    public String describe() {
      switch (type) {
        case STRING:
          return "the string `" + text + "`";
        case NUMBER:
          return "the number `" + text + "`";
        case BOOLEAN:
          return "`" + text + "`";
        case NULL:
          return "empty";
        default:
          throw new AssertionError(type);
      }
    }
  }
}
