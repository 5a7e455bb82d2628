package dev.chaos.drivers.sandbox;

import static dev.chaos.drivers.ManifestDocuments.map;
import static dev.chaos.drivers.ManifestDocuments.text;

import dev.chaos.drivers.ManifestDocuments;
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

  /** The objects of {@code text}; a mistake is a {@link SandboxException} saying which. */
  static List<ManifestDocuments.Doc> parse(String text) {
    try {
      return ManifestDocuments.objects(text);
    } catch (IllegalArgumentException e) {
      throw new SandboxException(e.getMessage());
    }
  }

  /** Parses YAML or JSON documents into plain trees; any syntax error says where. */
  static List<Map<String, Object>> trees(String text) {
    try {
      return ManifestDocuments.parse(text);
    } catch (IllegalArgumentException e) {
      throw new SandboxException(e.getMessage());
    }
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
}
