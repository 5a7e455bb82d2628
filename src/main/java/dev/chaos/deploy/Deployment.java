package dev.chaos.deploy;

import dev.chaos.check.CheckedProgram;
import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.SecretRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `chaos deploy` of checked runbooks against a config: the RBAC their runs need, the files the
 * pods mount (the runbooks, the user modules they import, `chaos.yaml`; the standard library
 * is in the image's jar) and the objects that run them. Problems (a call whose requests cannot
 * be known, an environment the config lacks) are collected, not thrown, so all are told.
 */
public final class Deployment {
  private final Permissions permissions = new Permissions();
  private final List<String> problems = new ArrayList<>();
  private final List<Manifests.Run> runs = new ArrayList<>();
  private final List<EnvironmentConfig> environments = new ArrayList<>();
  private final Map<String, Manifests.Mounted> files = new LinkedHashMap<>();
  private final Manifests.Options options;
  private final Path configDir;

  private Deployment(Manifests.Options options, Path configDir) {
    this.options = options;
    this.configDir = configDir;
  }

  /**
   * @param envOverride the environment of every run (`--env`); null: each runbook's own
   */
  public static Deployment of(List<CheckedProgram> programs, ChaosConfig config,
      String configText, String envOverride, Manifests.Options options) {
    Path configFile = config.file().toAbsolutePath().normalize();
    Deployment d = new Deployment(options, configFile.getParent());
    Path base = commonParent(programs);
    d.files.put("chaos.yaml", new Manifests.Mounted("chaos.yaml", "chaos.yaml", configText));
    for (CheckedProgram p : programs) {
      DeployedRunbook runbook = DeployedRunbook.of(p);
      String envName = envOverride != null ? envOverride : runbook.environment();
      EnvironmentConfig environment;
      try {
        environment = config.environment(envName);
      } catch (ConfigException e) {
        d.problems.add(p.source().path() + ": " + e.getMessage());
        continue;
      }
      if (!environment.declaredClass().text().equals(runbook.environment())) {
        d.problems.add(p.source().path() + ": the runbook is for environment `"
            + runbook.environment() + "`, but `" + envName + "` is declared `"
            + environment.declaredClass().text() + "`");
        continue;
      }
      if (!d.environments.contains(environment)) {
        d.environments.add(environment);
      }
      d.permissions.add(runbook, environment, options.namespace());
      List<String> keys = new ArrayList<>(List.of("chaos.yaml"));
      String path = d.mount(p, base, keys);
      d.runs.add(new Manifests.Run(runbook, envName, path, keys,
          environment.notification().isPresent()));
    }
    if (options.gameday() != null) {
      d.permissions.addArgoExecutor(options.namespace(), options.gameday());
    }
    d.problems.addAll(d.permissions.problems());
    return d;
  }

  /** Mounts a runbook and the user modules it imports; returns the runbook's mounted path. */
  private String mount(CheckedProgram program, Path base, List<String> keys) {
    String path = "runbooks/" + relative(base, program.source().path());
    Manifests.Mounted file = files.get(path);
    if (file == null) {
      file = new Manifests.Mounted(key(path), path, program.source().text());
      files.put(path, file);
    }
    if (keys.contains(file.key())) {
      return path; // a module imported twice
    }
    keys.add(file.key());
    for (CheckedProgram module : program.modules().values()) {
      if (!bundled(module)) {
        mount(module, base, keys);
      }
    }
    return path;
  }

  /** A ConfigMap key for a path: `runbooks/a/b.chaos` -> `runbooks.a.b.chaos`. */
  private String key(String path) {
    String key = path.replaceAll("[^-._a-zA-Z0-9]", ".");
    for (Manifests.Mounted m : files.values()) {
      if (m.key().equals(key)) {
        problems.add("two files have the ConfigMap key `" + key + "`: rename one of them");
      }
    }
    return key;
  }

  /** A module of the standard library, which the jar in the image has (the same text). */
  private static boolean bundled(CheckedProgram module) {
    String path = module.source().path().replace('\\', '/');
    if (!path.startsWith("stdlib/")) {
      return false;
    }
    try (InputStream in = CheckedProgram.class.getClassLoader().getResourceAsStream(path)) {
      return in != null
          && new String(in.readAllBytes(), StandardCharsets.UTF_8).equals(module.source().text());
    } catch (IOException e) {
      return false;
    }
  }

  private static Path commonParent(List<CheckedProgram> programs) {
    List<CheckedProgram> all = new ArrayList<>();
    programs.forEach(p -> userFiles(p, all));
    Path common = null;
    for (CheckedProgram p : all) {
      Path dir = Path.of(p.source().path()).toAbsolutePath().normalize().getParent();
      if (common == null) {
        common = dir;
      }
      while (common != null && !dir.startsWith(common)) {
        common = common.getParent();
      }
    }
    return common == null ? Path.of("").toAbsolutePath() : common;
  }

  private static void userFiles(CheckedProgram program, List<CheckedProgram> into) {
    if (!into.contains(program)) {
      into.add(program);
      program.modules().values().stream().filter(m -> !bundled(m))
          .forEach(m -> userFiles(m, into));
    }
  }

  private static String relative(Path base, String file) {
    Path absolute = Path.of(file).toAbsolutePath().normalize();
    Path rel = absolute.startsWith(base) ? base.relativize(absolute) : absolute.getFileName();
    return rel.toString().replace('\\', '/');
  }

  /** The runbooks to run, in the order given. */
  public List<Manifests.Run> runs() {
    return List.copyOf(runs);
  }

  public Rbac rbac() {
    return Rbac.of(permissions.needs());
  }

  /** What stops the rendering: nothing is rendered unless this is empty. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** What the rendered objects do not cover (calls to other clusters). */
  public List<String> notes() {
    return permissions.elsewhere();
  }

  public List<SecretRef> secrets() {
    return SecretRefs.of(environments);
  }

  /** The environments the runs use, each once. */
  public List<EnvironmentConfig> environments() {
    return List.copyOf(environments);
  }

  public List<Map<String, Object>> objects() {
    return new Manifests(options, configDir).objects(rbac(), List.copyOf(files.values()), runs, secrets());
  }
}
