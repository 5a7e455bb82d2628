package dev.chaos.config;

import dev.chaos.diag.Suggest;
import dev.chaos.source.InputFile;
import dev.chaos.spi.yaml.Origin;
import dev.chaos.spi.yaml.YamlException;
import dev.chaos.spi.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The parsed `chaos.yaml`: its environments by name, in file order. */
public record ChaosConfig(Path file, Map<String, EnvironmentConfig> environments) {
  /** The file read when no `--config` is given, in the working directory. */
  public static final Path DEFAULT_FILE = Path.of("chaos.yaml");

  public ChaosConfig {
    environments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environments));
  }

  /** Reads and validates {@code file}; `~/` in paths is the user's home directory. */
  public static ChaosConfig load(Path file) throws ConfigException {
    return load(file, Set.of());
  }

  /** As {@link #load(Path)}, allowing the sections {@code driverSections} of driver plug-ins. */
  public static ChaosConfig load(Path file, Set<String> driverSections) throws ConfigException {
    return load(file, Path.of(System.getProperty("user.home")), driverSections);
  }

  public static ChaosConfig load(Path file, Path home) throws ConfigException {
    return load(file, home, Set.of());
  }

  private static ChaosConfig load(Path file, Path home, Set<String> driverSections)
      throws ConfigException {
    String text;
    try {
      text = InputFile.readText(file, InputFile.TEXT_LIMIT);
    } catch (NoSuchFileException e) {
      throw new ConfigException(Origin.ofFile(file), "config file not found");
    } catch (IOException e) {
      throw new ConfigException(Origin.ofFile(file), "cannot read config file: " + e.getMessage(), e);
    }
    return parse(file, text, home, driverSections);
  }

  /** Parses {@code text} as if read from {@code file} (which names it in messages). */
  public static ChaosConfig parse(Path file, String text, Path home) throws ConfigException {
    return parse(file, text, home, Set.of());
  }

  public static ChaosConfig parse(Path file, String text, Path home, Set<String> driverSections)
      throws ConfigException {
    try {
      return new ConfigReader(file, home, driverSections).read(YamlReader.read(file, text, "the config file"));
    } catch (YamlException e) {
      throw ConfigException.of(e);
    }
  }

  /** The environment called {@code name}; an error listing the known names otherwise. */
  public EnvironmentConfig environment(String name) throws ConfigException {
    EnvironmentConfig found = environments.get(name);
    if (found != null) {
      return found;
    }
    String known = environments.keySet().stream()
        .map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    String hint = Suggest.closest(name, environments.keySet())
        .map(s -> "; did you mean `" + s + "`?").orElse("");
    throw new ConfigException(Origin.ofFile(file),
        "no environment `" + name + "` (the environments are " + known + ")" + hint);
  }
}
