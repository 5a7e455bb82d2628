package dev.chaos.drivers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The objects of a manifest as `k8s.apply` takes it, live and in the sandbox alike: YAML or
 * JSON documents separated by `---`, each a plain tree (maps, lists, scalars).
 */
public final class ManifestDocuments {
  private static final YAMLMapper YAML = new YAMLMapper();

  private ManifestDocuments() {}

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
      throw new IllegalArgumentException("the manifest is not valid YAML: "
          + e.getOriginalMessage());
    }
    return out;
  }
}
