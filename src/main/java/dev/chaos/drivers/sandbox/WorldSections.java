package dev.chaos.drivers.sandbox;

import dev.chaos.spi.yaml.Origin;
import dev.chaos.spi.yaml.YamlException;
import dev.chaos.spi.yaml.YamlNode;
import dev.chaos.spi.yaml.YamlSection;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The top-level sections of a world file that driver plug-ins read, with their places. */
final class WorldSections {
  private WorldSections() {}

  /** The sections named {@code keys} of {@code root}, the document of {@code file}. */
  static Map<String, YamlSection.Field> of(Path file, YamlNode root, Set<String> keys)
      throws YamlException {
    Map<String, YamlSection.Field> out = new LinkedHashMap<>();
    if (!keys.isEmpty() && root instanceof YamlNode.Mapping mapping) {
      YamlSection all = YamlSection.of(mapping, new Origin(file, 1, 1, ""),
          java.util.List.copyOf(mapping.entries().keySet()));
      for (YamlNode.Entry entry : all.entries()) {
        if (keys.contains(entry.key())) {
          out.put(entry.key(), all.field(entry));
        }
      }
    }
    return out;
  }
}
