package dev.chaos.config;

import dev.chaos.config.YamlNode.Scalar.ScalarType;
import dev.chaos.diag.Suggest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A mapping of the config file with the keys it allows: typed access to its values, and
 * the errors (unknown key, missing key, wrong type) placed at the key or value concerned.
 */
final class Section {
  /** A value with the place of its key and of itself. */
  record Field(YamlNode value, Origin keyOrigin, Origin origin) {}

  private final YamlNode.Mapping mapping;
  private final Origin origin;

  private Section(YamlNode.Mapping mapping, Origin origin) {
    this.mapping = mapping;
    this.origin = origin;
  }

  /** {@code node} as a mapping whose keys are all among {@code allowed}. */
  static Section of(YamlNode node, Origin origin, List<String> allowed) throws ConfigException {
    YamlNode.Mapping mapping = mapping(node, origin);
    for (YamlNode.Entry entry : mapping.entries().values()) {
      if (!allowed.contains(entry.key())) {
        Origin at = origin.child(entry.key(), entry.line(), entry.column());
        String hint = Suggest.closest(entry.key(), allowed)
            .map(s -> "; did you mean `" + s + "`?")
            .orElse(" (expected " + allowed.stream().map(k -> "`" + k + "`")
                .collect(Collectors.joining(", ")) + ")");
        throw new ConfigException(at, "unknown key `" + at.key() + "`" + hint);
      }
    }
    return new Section(mapping, origin);
  }

  static YamlNode.Mapping mapping(YamlNode node, Origin origin) throws ConfigException {
    if (node.kind() != YamlNode.Kind.MAPPING) {
      throw wrongType(node, origin, "a mapping");
    }
    return (YamlNode.Mapping) node;
  }

  static ConfigException wrongType(YamlNode node, Origin origin, String expected) {
    return new ConfigException(at(node, origin),
        "`" + origin.key() + "` must be " + expected + ", not " + node.describe());
  }

  /** {@code origin}'s key placed at {@code node}. */
  static Origin at(YamlNode node, Origin origin) {
    return new Origin(origin.file(), node.line(), node.column(), origin.key());
  }

  Origin origin() {
    return origin;
  }

  List<YamlNode.Entry> entries() {
    return List.copyOf(mapping.entries().values());
  }

  Field field(YamlNode.Entry entry) {
    Origin keyOrigin = origin.child(entry.key(), entry.line(), entry.column());
    return new Field(entry.value(), keyOrigin, at(entry.value(), keyOrigin));
  }

  boolean has(String key) {
    return mapping.entries().containsKey(key);
  }

  Optional<Field> optional(String key) {
    YamlNode.Entry entry = mapping.entries().get(key);
    return entry == null ? Optional.empty() : Optional.of(field(entry));
  }

  Field required(String key) throws ConfigException {
    Optional<Field> field = optional(key);
    if (field.isEmpty()) {
      String dotted = origin.key().isEmpty() ? key : origin.key() + "." + key;
      throw new ConfigException(origin, "missing required key `" + dotted + "`");
    }
    return field.get();
  }

  /** A string; numbers count as their text (a context may be called `1`). */
  static String text(Field field) throws ConfigException {
    YamlNode node = field.value();
    if (node.kind() == YamlNode.Kind.SCALAR) {
      YamlNode.Scalar scalar = (YamlNode.Scalar) node;
      if (scalar.type() == ScalarType.STRING && !scalar.text().isBlank()
          || scalar.type() == ScalarType.NUMBER) {
        return scalar.text();
      }
    }
    throw wrongType(node, field.keyOrigin(), "a non-empty string");
  }

  static boolean bool(Field field) throws ConfigException {
    YamlNode node = field.value();
    if (node.kind() == YamlNode.Kind.SCALAR && ((YamlNode.Scalar) node).type() == ScalarType.BOOLEAN) {
      return Boolean.parseBoolean(((YamlNode.Scalar) node).text().toLowerCase(java.util.Locale.ROOT));
    }
    throw wrongType(node, field.keyOrigin(), "`true` or `false`");
  }
}
