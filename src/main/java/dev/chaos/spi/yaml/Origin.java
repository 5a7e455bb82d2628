package dev.chaos.spi.yaml;

import java.nio.file.Path;

/**
 * Where a value was written: the file (`chaos.yaml`, a world file), the 1-based line and column (0 when the
 * problem has no place in the file) and the dotted key, for messages that name all three.
 */
public record Origin(Path file, int line, int column, String key) {
  public static Origin ofFile(Path file) {
    return new Origin(file, 0, 0, "");
  }

  /** `chaos.yaml:12:5` or just `chaos.yaml`. */
  public String place() {
    return line > 0 ? file + ":" + line + ":" + column : file.toString();
  }

  public Origin child(String name, int childLine, int childColumn) {
    return new Origin(file, childLine, childColumn, key.isEmpty() ? name : key + "." + name);
  }
}
