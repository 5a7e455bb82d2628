package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of a manifest, read as far as the sandbox needs them: kind, name,
 * namespace and the plain tree (for `k8s.get` and for the few spec fields that chaos objects
 * act on). YAML or JSON, several documents separated by `---`.
 */
final class Manifest {
  private Manifest() {}


  /** One object of a manifest. */
  record Doc(String kind, String name, String generateName, String namespace,
      Map<String, Object> tree) {
    /** `networkchaos/graphql-network-latency`, as `kubectl apply` names what it applied. */
    String ref() {
      return Kinds.normalise(kind) + "/" + name;
    }
  }

  static List<Doc> parse(String text) {
    List<Doc> docs = new ArrayList<>();
    for (Map<String, Object> tree : trees(text)) {
      docs.add(doc(tree, docs.size()));
    }
    if (docs.isEmpty()) {
      throw new SandboxException("the manifest holds no object");
    }
    return docs;
  }

  /** Parses YAML or JSON documents into plain trees; any syntax error says where. */
  static List<Map<String, Object>> trees(String text) {
    try {
      return ManifestDocuments.parse(text);
    } catch (IllegalArgumentException e) {
      throw new SandboxException(e.getMessage());
    }
  }

  private static Doc doc(Map<String, Object> tree, int index) {
    Object kind = tree.get("kind");
    if (!(kind instanceof String k) || k.isBlank()) {
      throw new SandboxException("manifest document " + (index + 1) + " has no `kind`");
    }
    Map<String, Object> metadata = map(tree.get("metadata"));
    String name = text(metadata.get("name"));
    String generateName = text(metadata.get("generateName"));
    if (name.isEmpty() && generateName.isEmpty()) {
      throw new SandboxException("manifest document " + (index + 1) + " (" + k
          + ") has no `metadata.name`");
    }
    return new Doc(k, name, generateName, text(metadata.get("namespace")), tree);
  }

  /** A copy of the tree with the given metadata fields set. */
  static Map<String, Object> withMetadata(Map<String, Object> tree, String name, String namespace,
      String created) {
    Map<String, Object> copy = new LinkedHashMap<>(tree);
    Map<String, Object> metadata = new LinkedHashMap<>(map(tree.get("metadata")));
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    metadata.remove("generateName");
    metadata.putIfAbsent("creationTimestamp", created);
    copy.put("metadata", metadata);
    return copy;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  /** The value at a path of mapping keys, or null. */
  static Object at(Map<String, Object> tree, String... path) {
    Object node = tree;
    for (String key : path) {
      if (!(node instanceof Map)) {
        return null;
      }
      node = ((Map<?, ?>) node).get(key);
    }
    return node;
  }

  static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
