package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo Workflows in one cluster of the world, one method per function of the `argo` signature
 * table. A submitted workflow runs for the world's `argo.duration`, then succeeds; terminated
 * before that, it fails. While it runs it acts as the world file's `chaos.workflow` says.
 */
public final class ArgoWorld {
  private static final class Run {
    final Instant submitted;
    final Instant ends;
    Instant terminated;

    Run(Instant submitted, Instant ends) {
      this.submitted = submitted;
      this.ends = ends;
    }
  }

  private final World world;
  private final K8sWorld cluster;
  private final Map<String, Run> runs = new LinkedHashMap<>();

  ArgoWorld(World world, K8sWorld cluster) {
    this.world = world;
    this.cluster = cluster;
  }

  /** Submits a Workflow and returns its name (generated for `generateName`). */
  public String submit(String manifest, String namespace) {
    List<ManifestDocuments.Doc> docs = Manifest.parse(manifest);
    String refusal = dev.chaos.drivers.kube.ArgoWorkflowManifest.refusal(docs);
    if (refusal != null) {
      throw new SandboxException(refusal);
    }
    ManifestDocuments.Doc doc = docs.get(0);
    return world.write(now -> {
      String ns = !doc.namespace().isEmpty() ? doc.namespace() : cluster.resolve(namespace);
      String name = doc.name().isEmpty() ? doc.generateName() + world.randomSuffix()
          : doc.name();
      if (runs.containsKey(key(ns, name))) {
        throw new SandboxException("workflows.argoproj.io \"" + name + "\" already exists");
      }
      cluster.put("workflow", ns, name, doc.tree(), now, world.spec().argoDuration());
      runs.put(key(ns, name), new Run(now, now.plus(world.spec().argoDuration())));
      world.chaosStarted(now);
      return name;
    });
  }

  /** `Running`, `Succeeded` or `Failed` (terminated). */
  public String phase(String name, String namespace) {
    return world.read(now -> phaseAt(run(name, namespace), now));
  }

  /** Stops a running workflow; a finished one stays as it finished. */
  public void terminate(String name, String namespace) {
    world.write(now -> {
      stop(cluster.resolve(namespace), name, run(name, namespace), now);
      return null;
    });
  }

  /** Stops every running workflow of a namespace and returns how many. */
  public int terminateAll(String namespace) {
    return world.write(now -> {
      String ns = cluster.resolve(namespace);
      int stopped = 0;
      for (Map.Entry<String, Run> e : runs.entrySet()) {
        String[] parts = e.getKey().split("/", 2);
        if (parts[0].equals(ns) && phaseAt(e.getValue(), now).equals("Running")) {
          stop(ns, parts[1], e.getValue(), now);
          stopped++;
        }
      }
      return stopped;
    });
  }

  /** The names of the workflows of a namespace still running, as `terminate_all` would stop. */
  public List<String> running(String namespace) {
    return world.read(now -> {
      String ns = cluster.resolve(namespace);
      List<String> names = new java.util.ArrayList<>();
      runs.forEach((key, run) -> {
        String[] parts = key.split("/", 2);
        if (parts[0].equals(ns) && phaseAt(run, now).equals("Running")) {
          names.add(parts[1]);
        }
      });
      return names;
    });
  }

  private void stop(String namespace, String name, Run run, Instant now) {
    if (!phaseAt(run, now).equals("Running")) {
      return;
    }
    run.terminated = now;
    for (ChaosObject c : cluster.chaosObjects()) {
      if (c.kind.equals("workflow") && c.namespace.equals(namespace) && c.name.equals(name)
          && c.deletedAt == null) {
        c.deletedAt = now;
      }
    }
  }

  private String phaseAt(Run run, Instant now) {
    if (run.terminated != null) {
      return "Failed";
    }
    return now.isBefore(run.ends) ? "Running" : "Succeeded";
  }

  private Run run(String name, String namespace) {
    String ns = cluster.resolve(namespace);
    Run run = runs.get(key(ns, name));
    if (run == null) {
      throw new SandboxException("workflows.argoproj.io \"" + name + "\" not found in namespace "
          + ns);
    }
    return run;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
