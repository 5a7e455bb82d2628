package dev.chaos.spi.yaml;

import dev.chaos.spi.yaml.YamlNode.Scalar.ScalarType;
import dev.chaos.diag.Suggest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A mapping with the keys it allows: typed access to its values, and the errors (unknown key
 * with the closest known one, missing key, wrong type) placed at the key or value concerned,
 * naming the dotted key.
 */
public final class YamlSection {
  /** A value with the place of its key and of itself. */
  public record Field(YamlNode value, Origin keyOrigin, Origin origin) {
    /** The value at the root of a file (its key is empty). */
    public static Field root(YamlNode value, Origin origin) {
      return new Field(value, origin, origin);
    }
  }

  private final YamlNode.Mapping mapping;
  private final Origin origin;

  private YamlSection(YamlNode.Mapping mapping, Origin origin) {
    this.mapping = mapping;
    this.origin = origin;
  }

  /** {@code node} as a mapping whose keys are all among {@code allowed}. */
  public static YamlSection of(YamlNode node, Origin origin, List<String> allowed) throws YamlException {
    YamlNode.Mapping mapping = mapping(node, origin);
    for (YamlNode.Entry entry : mapping.entries().values()) {
      if (!allowed.contains(entry.key())) {
        Origin at = origin.child(entry.key(), entry.line(), entry.column());
        throw new YamlException(at, unknownKey(at.key(), entry.key(), allowed));
      }
    }
    return new YamlSection(mapping, origin);
  }

  /**
   * The one wording of an unknown key, in every YAML file: "unknown key `a.b`; did you mean
   * `c`?", or the keys expected when none is close.
   */
  public static String unknownKey(String dotted, String key, java.util.Collection<String> allowed) {
    String hint = Suggest.closest(key, allowed)
        .map(s -> "; did you mean `" + s + "`?")
        .orElse(" (expected " + allowed.stream().map(k -> "`" + k + "`")
            .collect(Collectors.joining(", ")) + ")");
    return "unknown key `" + dotted + "`" + hint;
  }

  /** {@code field}'s value as a mapping whose keys are all among {@code allowed}. */
  public static YamlSection of(Field field, List<String> allowed) throws YamlException {
    return of(field.value(), field.keyOrigin(), allowed);
  }

  public static YamlNode.Mapping mapping(YamlNode node, Origin origin) throws YamlException {
    if (node.kind() != YamlNode.Kind.MAPPING) {
      throw wrongType(node, origin, "a mapping");
    }
    return (YamlNode.Mapping) node;
  }

  public static YamlException wrongType(YamlNode node, Origin origin, String expected) {
    return new YamlException(at(node, origin),
        "`" + origin.key() + "` must be " + expected + ", not " + node.describe());
  }

  /** {@code origin}'s key placed at {@code node}. */
  public static Origin at(YamlNode node, Origin origin) {
    return new Origin(origin.file(), node.line(), node.column(), origin.key());
  }

  public Origin origin() {
    return origin;
  }

  public List<YamlNode.Entry> entries() {
    return List.copyOf(mapping.entries().values());
  }

  public Field field(YamlNode.Entry entry) {
    Origin keyOrigin = origin.child(entry.key(), entry.line(), entry.column());
    return new Field(entry.value(), keyOrigin, at(entry.value(), keyOrigin));
  }

  public boolean has(String key) {
    return mapping.entries().containsKey(key);
  }

  public Optional<Field> optional(String key) {
    YamlNode.Entry entry = mapping.entries().get(key);
    return entry == null ? Optional.empty() : Optional.of(field(entry));
  }

  public Field required(String key) throws YamlException {
    Optional<Field> field = optional(key);
    if (field.isEmpty()) {
      String dotted = origin.key().isEmpty() ? key : origin.key() + "." + key;
      throw new YamlException(origin, "missing required key `" + dotted + "`");
    }
    return field.get();
  }

  /** A string; numbers count as their text (a context may be called `1`). */
  public static String text(Field field) throws YamlException {
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

  public static boolean bool(Field field) throws YamlException {
    YamlNode node = field.value();
    if (node.kind() == YamlNode.Kind.SCALAR && ((YamlNode.Scalar) node).type() == ScalarType.BOOLEAN) {
      return Boolean.parseBoolean(((YamlNode.Scalar) node).text().toLowerCase(java.util.Locale.ROOT));
    }
    throw wrongType(node, field.keyOrigin(), "`true` or `false`");
  }
}
