package dev.chaos.drivers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The objects of a manifest as `k8s.apply` and `argo.submit` take it, live and in the sandbox
 * alike: YAML or JSON documents separated by `---`, each a plain tree (maps, lists, scalars).
 */
public final class ManifestDocuments {
  private static final YAMLMapper YAML = new YAMLMapper();

  private ManifestDocuments() {}

  /** One object of a manifest; {@code name} is "" when it uses {@code generateName}. */
  public record Doc(String kind, String apiVersion, String name, String generateName,
      String namespace, Map<String, Object> tree) {
    /** The name to show before the server made one: `chaos-` becomes `chaos-xxxxx`. */
    public String shownName() {
      return name.isEmpty() ? generateName + "xxxxx" : name;
    }
  }

  /**
   * The objects, each with a `kind` and a `metadata.name` or `generateName`.
   *
   * @throws IllegalArgumentException naming the document that is wrong, or when there is none
   */
  public static List<Doc> objects(String text) {
    List<Doc> docs = new ArrayList<>();
    for (Map<String, Object> tree : parse(text)) {
      docs.add(doc(tree, docs.size()));
    }
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("the manifest holds no object");
    }
    return docs;
  }

  private static Doc doc(Map<String, Object> tree, int index) {
    String kind = text(tree.get("kind"));
    if (kind.isBlank()) {
      throw new IllegalArgumentException("manifest document " + (index + 1) + " has no `kind`");
    }
    Map<String, Object> metadata = map(tree.get("metadata"));
    String name = text(metadata.get("name"));
    String generateName = text(metadata.get("generateName"));
    if (name.isEmpty() && generateName.isEmpty()) {
      throw new IllegalArgumentException("manifest document " + (index + 1) + " (" + kind
          + ") has no `metadata.name`");
    }
    return new Doc(kind, text(tree.get("apiVersion")), name, generateName,
        text(metadata.get("namespace")), tree);
  }

  /** The value at a path of mapping keys in an object tree, or null. */
  public static Object at(Map<String, Object> tree, String... path) {
    Object node = tree;
    for (String key : path) {
      if (!(node instanceof Map)) {
        return null;
      }
      node = ((Map<?, ?>) node).get(key);
    }
    return node;
  }

  /** A mapping of an object tree; an empty one for anything else. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  /** A scalar of an object tree as text; "" for none. */
  public static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  /**
   * Every non-empty document, in order.
   *
   * @throws IllegalArgumentException naming what is wrong: a syntax error and where, or which
   *     document is not an object
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> parse(String text) {
    List<Map<String, Object>> out = new ArrayList<>();
    try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(text)) {
      while (it.hasNextValue()) {
        Object value = it.nextValue();
        if (value == null) {
          continue; // an empty document, as after a trailing `---`
        }
        if (!(value instanceof Map)) {
          throw new IllegalArgumentException("manifest document " + (out.size() + 1)
              + " is not an object");
        }
        out.add((Map<String, Object>) value);
      }
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the manifest is not valid YAML: " + oneLine(e));
    }
    return out;
  }

  /**
   * The parser's message on one line, where it went wrong first: "line 2, column 11: while
   * parsing a flow mapping: expected ',' or '}', but got <stream end>" (the parser's own text
   * spreads over lines with a copy of the source and a caret).
   */
  private static String oneLine(JacksonException e) {
    String message = String.valueOf(e.getOriginalMessage());
    List<String> said = message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(
        l.charAt(0))).toList();
    java.util.regex.Matcher at = java.util.regex.Pattern
        .compile("line (\\d+), column (\\d+)").matcher(message);
    return (at.find() ? "line " + at.group(1) + ", column " + at.group(2) + ": " : "")
        + String.join(": ", said.isEmpty() ? List.of(message.strip()) : said);
  }
}
