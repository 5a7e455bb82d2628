package dev.chaos.deploy;

import dev.chaos.config.SecretRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The Kubernetes objects that run runbooks in a cluster, as plain trees in the order they must
 * be created: the ServiceAccount, its Roles and bindings, the ConfigMap with the runbooks and
 * `chaos.yaml`, then a Job per runbook (a CronJob for a scheduled one) or a GameDay's Argo
 * WorkflowTemplate.
 */
public final class Manifests {
  /** Where the ConfigMap is mounted: `chaos.yaml` and the runbooks by their relative paths. */
  public static final String CONFIG_DIR = "/etc/chaos";

  /** The run folder's volume, the working directory: `chaos-runs/` lands here. */
  public static final String RUN_DIR = "/var/lib/chaos";

  /**
   * How long a stopped pod has to undo (SIGTERM at the deadline or on deletion): chaos undoes
   * everything on SIGTERM before it exits, at most one undo's 2-minute deadline per change.
   */
  static final long TERMINATION_GRACE_SECONDS = 300;

  /** What to render: where, with which image and names. */
  public record Options(String namespace, String image, String prefix, String secretName,
      String gameday, boolean parallel, String runsClaim) {}

  /** A file of the ConfigMap: its key and its path under {@link #CONFIG_DIR}. */
  public record Mounted(String key, String path, String text) {}

  /**
   * One runbook to run: its header and the path of its file under {@link #CONFIG_DIR};
   * {@code notifyReport} when its environment has a `notify` webhook to post the summary to.
   */
  public record Run(DeployedRunbook runbook, String environment, String path,
      List<String> keys, boolean notifyReport) {
    public Run {
      keys = List.copyOf(keys);
    }
  }

  /**
   * The most a ConfigMap holds before the next one starts. Why: the API server refuses an
   * object over 1 MiB (etcd's limit is 1.5 MiB); this leaves room for the keys and metadata.
   */
  static final int CONFIG_MAP_BYTES = 900 * 1024;

  /** Plain YAML as people write it: files as literal blocks, quotes only where needed. */
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.LITERAL_BLOCK_STYLE,
          YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLWriteFeature.SPLIT_LINES).build();

  private final Options options;
  private final java.nio.file.Path configDir;
  /** Which ConfigMap holds each file, by key. */
  private final Map<String, String> shardOf = new LinkedHashMap<>();

  /** {@code configDir}: the directory of `chaos.yaml`, which `file:` secrets are relative to. */
  public Manifests(Options options, java.nio.file.Path configDir) {
    this.options = options;
    this.configDir = configDir.toAbsolutePath().normalize();
  }

  /** A map that keeps its keys' order, so the output is the same on every run. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  /** Every object, in the order they are created. */
  public List<Map<String, Object>> objects(Rbac rbac, List<Mounted> files, List<Run> runs,
      List<SecretRef> secrets) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(object("v1", "ServiceAccount", runner(), options.namespace()));
    for (String ns : rbac.namespaces()) {
      Map<String, Object> role = object("rbac.authorization.k8s.io/v1", "Role", runner(), ns);
      role.put("rules", rules(rbac.rules(ns)));
      out.add(role);
      out.add(binding("RoleBinding", "Role", runner(), ns));
    }
    if (rbac.hasClusterRules()) {
      String name = runner() + "-" + options.namespace();
      Map<String, Object> role = object("rbac.authorization.k8s.io/v1", "ClusterRole", name,
          null);
      role.put("rules", rules(rbac.rules("")));
      out.add(role);
      out.add(binding("ClusterRoleBinding", "ClusterRole", name, null));
    }
    out.addAll(configMaps(files));
    if (options.gameday() != null) {
      java.util.Set<String> all = new java.util.HashSet<>();
      runs.forEach(r -> all.addAll(r.keys()));
      out.add(workflowTemplate(filesOf(files, all), runs, secrets));
      return out;
    }
    for (Run run : runs) {
      List<Mounted> own = filesOf(files, new java.util.HashSet<>(run.keys()));
      out.add(run.runbook().schedule().isPresent() ? cronJob(own, run, secrets)
          : job(own, run, secrets));
    }
    return out;
  }

  /**
   * The files in ConfigMaps of at most {@link #CONFIG_MAP_BYTES} each, in order: `PREFIX-runbooks`,
   * then `PREFIX-runbooks-2`, ... A pod mounts only the files of its runbook, from whichever
   * holds them.
   */
  private List<Map<String, Object>> configMaps(List<Mounted> files) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> data = null;
    long size = 0;
    for (Mounted f : files) {
      long bytes = f.key().length() + f.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)
          .length;
      if (data == null || (size + bytes > CONFIG_MAP_BYTES && !data.isEmpty())) {
        String name = out.isEmpty() ? configMap() : configMap() + "-" + (out.size() + 1);
        Map<String, Object> config = object("v1", "ConfigMap", name, options.namespace());
        data = new LinkedHashMap<>();
        config.put("data", data);
        out.add(config);
        size = 0;
      }
      data.put(f.key(), f.text());
      size += bytes;
      shardOf.put(f.key(), (String) ((Map<?, ?>) out.get(out.size() - 1).get("metadata"))
          .get("name"));
    }
    return out;
  }

  private static List<Mounted> filesOf(List<Mounted> files, java.util.Set<String> keys) {
    return files.stream().filter(f -> keys.contains(f.key())).toList();
  }

  /** The objects as one multi-document YAML stream. */
  public static String yaml(List<Map<String, Object>> objects) {
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> o : objects) {
      String doc = YAML.writeValueAsString(o);
      out.append(doc.startsWith("---") ? doc : "---\n" + doc);
    }
    return out.toString();
  }

  private String runner() {
    return options.prefix() + "-runner";
  }

  private String configMap() {
    return options.prefix() + "-runbooks";
  }

  private Map<String, Object> object(String apiVersion, String kind, String name,
      String namespace) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.put("labels", labels(null));
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.put("metadata", metadata);
    return o;
  }

  private static Map<String, Object> labels(String runbook) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "chaos");
    labels.put("app.kubernetes.io/managed-by", "chaos-deploy");
    if (runbook != null) {
      labels.put("chaos.dev/runbook", runbook);
    }
    return labels;
  }

  private static List<Object> rules(List<Rbac.Rule> rules) {
    List<Object> out = new ArrayList<>();
    for (Rbac.Rule r : rules) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("apiGroups", List.of(r.group()));
      rule.put("resources", List.of(r.resource()));
      rule.put("verbs", r.verbs());
      out.add(rule);
    }
    return out;
  }

  private Map<String, Object> binding(String kind, String roleKind, String name,
      String namespace) {
    Map<String, Object> b = object("rbac.authorization.k8s.io/v1", kind, name, namespace);
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("kind", "ServiceAccount");
    subject.put("name", runner());
    subject.put("namespace", options.namespace());
    b.put("subjects", List.of(subject));
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("apiGroup", "rbac.authorization.k8s.io");
    ref.put("kind", roleKind);
    ref.put("name", name);
    b.put("roleRef", ref);
    return b;
  }

  /**
   * `chaos exec` of one runbook, in the environment it names, its run folder on the volume and
   * its summary sent through `notify`, since a Job's log is gone with its pod.
   */
  private static List<Object> execArgs(Run run) {
    List<Object> args = new ArrayList<>(List.of("exec", "--config", CONFIG_DIR + "/chaos.yaml",
        "--env", run.environment(), "--runs-dir", RUN_DIR + "/chaos-runs"));
    if (run.notifyReport()) {
      args.add("--notify-report");
    }
    args.add(CONFIG_DIR + "/" + run.path());
    return args;
  }

  private Map<String, Object> container(Run run, List<SecretRef> secrets) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", "chaos");
    c.put("image", options.image());
    c.put("args", execArgs(run));
    c.put("workingDir", RUN_DIR);
    List<Object> env = new ArrayList<>();
    List<Object> mounts = new ArrayList<>();
    mounts.add(map("name", "runbooks", "mountPath", CONFIG_DIR, "readOnly", true));
    mounts.add(map("name", "runs", "mountPath", RUN_DIR));
    mounts.add(map("name", "tmp", "mountPath", "/tmp")); // the root file system is read-only
    for (SecretRef ref : secrets) {
      if (ref.source() == SecretRef.Source.ENV) {
        env.add(map("name", ref.variable(), "valueFrom", map("secretKeyRef",
            map("name", options.secretName(), "key", ref.variable()))));
      } else {
        String key = ref.path().getFileName().toString();
        mounts.add(map("name", "secrets", "mountPath", secretPath(ref), "subPath", key,
            "readOnly", true));
      }
    }
    if (!env.isEmpty()) {
      c.put("env", env);
    }
    c.put("volumeMounts", mounts);
    Map<String, Object> security = new LinkedHashMap<>();
    security.put("runAsNonRoot", true);
    security.put("allowPrivilegeEscalation", false);
    security.put("readOnlyRootFilesystem", true);
    security.put("capabilities", map("drop", List.of("ALL")));
    c.put("securityContext", security);
    return c;
  }

  /**
   * Where a `file:` secret is mounted: its path in the config, which a relative path takes
   * from the config's directory, {@link #CONFIG_DIR} in the pod.
   */
  String secretPath(SecretRef ref) {
    java.nio.file.Path path = ref.path().toAbsolutePath().normalize();
    return path.startsWith(configDir)
        ? CONFIG_DIR + "/" + configDir.relativize(path).toString().replace('\\', '/')
        : path.toString().replace('\\', '/');
  }

  private List<Object> volumes(List<Mounted> files, List<SecretRef> secrets) {
    // one source per ConfigMap that holds some of the files, each with only those files
    Map<String, List<Object>> items = new LinkedHashMap<>();
    for (Mounted f : files) {
      items.computeIfAbsent(shardOf.get(f.key()), k -> new ArrayList<>())
          .add(map("key", f.key(), "path", f.path()));
    }
    List<Object> sources = new ArrayList<>();
    items.forEach((name, list) -> sources.add(map("configMap", map("name", name,
        "items", list))));
    List<Object> volumes = new ArrayList<>();
    volumes.add(map("name", "runbooks", "projected", map("sources", sources)));
    volumes.add(options.runsClaim() == null ? map("name", "runs", "emptyDir", map())
        : map("name", "runs", "persistentVolumeClaim",
            map("claimName", options.runsClaim())));
    volumes.add(map("name", "tmp", "emptyDir", map()));
    if (secrets.stream().anyMatch(s -> s.source() == SecretRef.Source.FILE)) {
      volumes.add(map("name", "secrets", "secret", map("secretName",
          options.secretName())));
    }
    return volumes;
  }

  private Map<String, Object> podSpec(List<Mounted> files, Run run, List<SecretRef> secrets) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("serviceAccountName", runner());
    spec.put("restartPolicy", "Never");
    spec.put("terminationGracePeriodSeconds", TERMINATION_GRACE_SECONDS);
    spec.put("securityContext", map("runAsNonRoot", true));
    spec.put("containers", List.of(container(run, secrets)));
    spec.put("volumes", volumes(files, secrets));
    return spec;
  }

  /** The Job spec: never retried (a chaos run is not repeated blindly), bounded in time. */
  private Map<String, Object> jobSpec(List<Mounted> files, Run run, List<SecretRef> secrets) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("backoffLimit", 0);
    spec.put("activeDeadlineSeconds", run.runbook().deadlineSeconds());
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", map("labels", labels(run.runbook().name())));
    template.put("spec", podSpec(files, run, secrets));
    spec.put("template", template);
    return spec;
  }

  private Map<String, Object> job(List<Mounted> files, Run run, List<SecretRef> secrets) {
    Map<String, Object> job = object("batch/v1", "Job",
        options.prefix() + "-" + run.runbook().objectName(), options.namespace());
    label(job, run);
    job.put("spec", jobSpec(files, run, secrets));
    return job;
  }

  private Map<String, Object> cronJob(List<Mounted> files, Run run, List<SecretRef> secrets) {
    DeployedRunbook.Schedule schedule = run.runbook().schedule().orElseThrow();
    Map<String, Object> cron = object("batch/v1", "CronJob",
        options.prefix() + "-" + run.runbook().objectName(), options.namespace());
    label(cron, run);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("schedule", schedule.cron());
    spec.put("timeZone", schedule.zone());
    spec.put("concurrencyPolicy", "Forbid");
    // a time missed (the controller down) is skipped, never run late outside its window
    spec.put("startingDeadlineSeconds", 300);
    spec.put("successfulJobsHistoryLimit", 3);
    spec.put("failedJobsHistoryLimit", 5);
    Map<String, Object> jobTemplate = new LinkedHashMap<>();
    jobTemplate.put("metadata", map("labels", labels(run.runbook().name())));
    jobTemplate.put("spec", jobSpec(files, run, secrets));
    spec.put("jobTemplate", jobTemplate);
    cron.put("spec", spec);
    return cron;
  }

  @SuppressWarnings("unchecked")
  private static void label(Map<String, Object> object, Run run) {
    ((Map<String, Object>) ((Map<String, Object>) object.get("metadata")).get("labels"))
        .put("chaos.dev/runbook", run.runbook().name());
  }

  /**
   * A GameDay: every runbook a step of the image, one after the other (a failed step ends the
   * workflow), or all at once with `--parallel` (a DAG that fails fast: no step starts after
   * one failed).
   */
  private Map<String, Object> workflowTemplate(List<Mounted> files, List<Run> runs,
      List<SecretRef> secrets) {
    Map<String, Object> wt = object("argoproj.io/v1alpha1", "WorkflowTemplate",
        options.gameday(), options.namespace());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("entrypoint", "gameday");
    spec.put("serviceAccountName", runner());
    spec.put("securityContext", map("runAsNonRoot", true));
    spec.put("volumes", volumes(files, secrets));
    List<Object> templates = new ArrayList<>();
    Map<String, Object> main = new LinkedHashMap<>();
    main.put("name", "gameday");
    List<Object> steps = new ArrayList<>();
    long sum = 0;
    long longest = 0;
    for (Run run : runs) {
      String name = run.runbook().objectName();
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("name", name);
      step.put("template", name);
      steps.add(options.parallel() ? step : List.of(step));
      Map<String, Object> template = new LinkedHashMap<>();
      template.put("name", name);
      template.put("activeDeadlineSeconds", run.runbook().deadlineSeconds());
      template.put("retryStrategy", map("limit", 0));
      Map<String, Object> container = container(run, secrets);
      container.remove("name");
      template.put("container", container);
      templates.add(template);
      sum += run.runbook().deadlineSeconds();
      longest = Math.max(longest, run.runbook().deadlineSeconds());
    }
    if (options.parallel()) {
      main.put("dag", map("failFast", true, "tasks", steps));
    } else {
      main.put("steps", steps);
    }
    templates.add(0, main);
    spec.put("activeDeadlineSeconds", options.parallel() ? longest : sum);
    spec.put("templates", templates);
    wt.put("spec", spec);
    return wt;
  }
}
