package dev.chaos.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The CI files under ci/ (docs/ci.md), read as plain trees, and the shell scripts they run. */
final class CiFiles {
  static final Path ROOT = Path.of(System.getProperty("user.dir"));
  static final Path CI = ROOT.resolve("ci");
  static final Path GITHUB_CHECK = CI.resolve("github/chaos-check.yml");
  static final Path GITHUB_GAMEDAY = CI.resolve("github/chaos-gameday.yml");
  static final Path GITLAB = CI.resolve("gitlab/chaos.gitlab-ci.yml");
  static final Path WRAPPER = CI.resolve("chaos-outcome.sh");

  /** The keys of a .gitlab-ci.yml that are not jobs. */
  static final List<String> GITLAB_KEYWORDS = List.of("stages", "variables", "default",
      "include", "workflow", "image", "services", "cache", "before_script", "after_script");

  private static final YAMLMapper YAML = new YAMLMapper();

  private CiFiles() {}

  static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> files = Files.walk(CI)) {
      return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(Path file) throws IOException {
    return YAML.readValue(Files.readString(file), LinkedHashMap.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String where) {
    if (!(node instanceof Map<?, ?> m)) {
      throw new AssertionError(where + " is not a mapping: " + node);
    }
    return (Map<String, Object>) m;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node, String where) {
    if (!(node instanceof List<?> l)) {
      throw new AssertionError(where + " is not a list: " + node);
    }
    return (List<Object>) l;
  }

  /**
   * A workflow's triggers: YAML 1.1 reads a bare `on` as true, so a parser may give the key as
   * `true`; GitHub reads it as `on`.
   */
  static Object githubTriggers(Map<String, Object> workflow) {
    return workflow.containsKey("on") ? workflow.get("on") : workflow.get("true");
  }

  /** The `run:` scripts of every step of every job of a GitHub workflow. */
  static List<String> githubScripts(Map<String, Object> workflow) {
    List<String> scripts = new ArrayList<>();
    for (Object job : map(workflow.get("jobs"), "jobs").values()) {
      for (Object step : list(map(job, "job").get("steps"), "steps")) {
        Object run = map(step, "step").get("run");
        if (run != null) {
          scripts.add(run.toString());
        }
      }
    }
    return scripts;
  }

  /** The jobs of a GitLab pipeline (hidden `.templates` left out), each merged with what it extends. */
  static Map<String, Map<String, Object>> gitlabJobs(Map<String, Object> pipeline) {
    Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
    pipeline.forEach((name, job) -> {
      if (!name.startsWith(".") && !GITLAB_KEYWORDS.contains(name)) {
        jobs.put(name, withExtends(pipeline, map(job, name)));
      }
    });
    return jobs;
  }

  private static Map<String, Object> withExtends(Map<String, Object> pipeline, Map<String, Object> job) {
    Object extended = job.get("extends");
    if (extended == null) {
      return job;
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Object template : extended instanceof List<?> l ? l : List.of(extended)) {
      Object base = pipeline.get(template.toString());
      if (base == null) {
        throw new AssertionError("extends `" + template + "`, which is not defined");
      }
      merged.putAll(withExtends(pipeline, map(base, template.toString())));
    }
    merged.putAll(job);
    return merged;
  }

  /** The lines of a job's `before_script`, `script` and `after_script`. */
  static List<String> gitlabScripts(Map<String, Object> job) {
    List<String> scripts = new ArrayList<>();
    for (String key : List.of("before_script", "script", "after_script")) {
      Object lines = job.get(key);
      if (lines != null) {
        for (Object line : lines instanceof List<?> l ? l : List.of(lines)) {
          scripts.add(line.toString());
        }
      }
    }
    return scripts;
  }

  /**
   * A `chaos` command of a CI file with the environment its step or job gives it: the
   * workflow's, job's and step's `env` (GitHub) or the pipeline's and job's `variables`
   * (GitLab), then the command's own assignments. Values are as written (`${{ ... }}` too).
   */
  record Command(Path file, Map<String, String> env, ShellCommands.Invocation invocation) {
    List<String> args() {
      return invocation.args();
    }
  }

  /** Every `chaos` command of {@code file}, whichever system it is for. */
  static List<Command> chaosCommands(Path file) throws IOException {
    Map<String, Object> tree = read(file);
    List<Command> commands = new ArrayList<>();
    if (tree.containsKey("jobs")) {
      for (Object j : map(tree.get("jobs"), "jobs").values()) {
        Map<String, Object> job = map(j, "job");
        for (Object s : list(job.get("steps"), "steps")) {
          Map<String, Object> step = map(s, "step");
          if (step.get("run") != null) {
            add(commands, file, step.get("run").toString(), tree.get("env"), job.get("env"), step.get("env"));
          }
        }
      }
    } else {
      for (Map<String, Object> job : gitlabJobs(tree).values()) {
        for (String script : gitlabScripts(job)) {
          add(commands, file, script, tree.get("variables"), job.get("variables"));
        }
      }
    }
    return commands;
  }

  private static void add(List<Command> commands, Path file, String script, Object... envs) {
    for (ShellCommands.Invocation invocation : ShellCommands.chaosInvocations(script)) {
      Map<String, String> env = new LinkedHashMap<>();
      for (Object e : envs) {
        if (e != null) {
          map(e, "env").forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
      }
      env.putAll(invocation.assignments());
      commands.add(new Command(file, env, invocation));
    }
  }
}
