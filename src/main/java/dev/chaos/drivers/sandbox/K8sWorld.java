package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.kube.ChaosSelection;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.drivers.kube.LabelSelector;
import dev.chaos.drivers.kube.PodFacts;
import dev.chaos.drivers.sandbox.Results.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Kubernetes cluster of the world, with one method per function of the `k8s` signature
 * table. Deployments and their pods are modelled ({@link Deployment}); any other object
 * (chaos objects, workflows, config maps) is kept as the tree that was applied
 * ({@link ClusterObjects}). An applied chaos object acts on the world ({@link ClusterChaos}).
 *
 * <p>A namespace argument of "" means the context's namespace of the cluster.
 */
public final class K8sWorld {
  /**
   * One object that `apply` created ({@code previous} null) or changed; {@link #revert}
   * undoes it, which is the automatic inverse of `k8s.apply`.
   */
  public record Applied(String ref, String kind, String namespace, String name,
      Map<String, Object> previous, String uid) {}

  private final World world;
  private final String cluster;
  private final String contextNamespace;
  private final Map<ObjectKey, Deployment> deployments = new LinkedHashMap<>();
  private final ClusterChaos chaos = new ClusterChaos(this);
  private final ClusterObjects objects = new ClusterObjects(this, chaos);
  private final Nodes nodes;
  /** Chaos that starts later (a Workflow's later steps, a Schedule's runs). */
  private final DueActions due = new DueActions();

  K8sWorld(World world, String cluster, WorldSpec.ClusterSpec spec) {
    this.world = world;
    this.cluster = cluster;
    this.contextNamespace = spec.namespace();
    this.nodes = new Nodes(spec.nodes());
    for (WorldSpec.DeploymentSpec d : spec.deployments()) {
      Deployment deployment = new Deployment(d, world.start(), world.random(), nodes);
      deployment.kindCpu = t -> chaosCpu(deployment, t);
      deployments.put(new ObjectKey("deployment", d.namespace(), d.name()), deployment);
    }
  }

  /** The cluster's name: "" for the default one. */
  public String cluster() {
    return cluster;
  }

  public Selector selector(String namespace, String labels) {
    return new Selector(cluster, namespace, labels);
  }

  public Results.PodSet pods(Selector selector) {
    return world.read(now -> {
      List<String> names = new ArrayList<>();
      int ready = 0;
      int restarts = 0;
      // a region that is down (drained, failed) has no ready pod: they have no node
      boolean regionDown = world.regions().clusterDownAt(cluster, now);
      for (Deployment d : selected(selector)) {
        for (Deployment.Pod pod : d.podsAt(now)) {
          names.add(pod.name);
          ready += pod.readyAt(now) && !regionDown ? 1 : 0;
          restarts += d.restartsAt(pod, now);
        }
      }
      return new Results.PodSet(names.size(), ready, names, restarts);
    });
  }

  /**
   * The pods of a namespace as a chaos selector reads them: a pod carries its deployment's
   * labels, and is Running once ready, Pending before.
   */
  public List<PodFacts> podFacts(String namespace) {
    return world.read(now -> {
      String ns = resolve(namespace);
      List<PodFacts> out = new ArrayList<>();
      for (Deployment d : deployments.values()) {
        if (d.namespace().equals(ns)) {
          for (Deployment.Pod pod : d.podsAt(now)) {
            // the world's workloads are Deployments
            out.add(facts(d, pod, now));
          }
        }
      }
      return out;
    });
  }

  /** How many pods `fraction:` means: the share of the selected pods, rounded up, at least one. */
  public int countForFraction(Selector selector, double percent) {
    int total = pods(selector).total();
    return total == 0 ? 0 : Math.max(1, (int) Math.ceil(total * percent / 100.0 - 1e-9));
  }

  /** Kills {@code count} randomly chosen selected pods; their deployments recreate them. */
  public List<String> killPods(Selector selector, int count, Duration grace) {
    return world.write(now -> {
      List<Deployment> targets = selected(selector);
      List<String> killed = new ArrayList<>();
      int total = targets.stream().mapToInt(d -> d.podsAt(now).size()).sum();
      if (count > total) {
        throw new SandboxException("cannot kill " + count + " pods: the selector `"
            + selector.labels() + "` in namespace " + selector.namespace() + " picks " + total);
      }
      // one uniform pick among every selected pod, as the live driver picks: a deployment's
      // share of the kills follows from chance, not from its order or size
      Map<Deployment.Pod, Deployment> owners = new IdentityHashMap<>();
      List<Deployment.Pod> candidates = new ArrayList<>();
      for (Deployment d : targets) {
        for (Deployment.Pod pod : d.killableAt(now)) {
          owners.put(pod, d);
          candidates.add(pod);
        }
      }
      Map<Deployment, List<Deployment.Pod>> victims = new LinkedHashMap<>();
      for (Deployment.Pod pod : RandomPicks.pick(candidates, count, world.random())) {
        victims.computeIfAbsent(owners.get(pod), d -> new ArrayList<>()).add(pod);
      }
      victims.forEach((d, pods) -> killed.addAll(d.killPods(pods, grace, now)));
      world.chaosStarted(now);
      return killed;
    });
  }

  /** Creates or updates the objects of a manifest, as `kubectl apply`; see {@link Applied}. */
  public List<Applied> apply(String manifest, String namespace) {
    return objects.apply(manifest, namespace);
  }

  /** Undoes one object of an `apply`: deletes it if it was created, else restores it. */
  public void revert(Applied applied) {
    objects.revert(applied);
  }

  /** Deletes one object; false when there was none (no error, as the signature table says). */
  public boolean delete(String kind, String name, String namespace) {
    return objects.delete(kind, name, namespace);
  }

  public int deleteAll(String kind, String namespace, String labels) {
    return objects.deleteAll(kind, namespace, labels);
  }

  /** The object as a Json tree; a missing object is an error, as with kubectl. */
  public Map<String, Object> get(String kind, String name, String namespace) {
    return objects.get(kind, name, namespace);
  }

  public boolean exists(String kind, String name, String namespace) {
    return objects.exists(kind, name, namespace);
  }

  /** The names of the objects {@link #deleteAll} would delete, in the order it finds them. */
  public List<String> names(String kind, String namespace, String labels) {
    return objects.names(kind, namespace, labels);
  }

  public int count(String kind, String namespace, String labels) {
    return objects.count(kind, namespace, labels);
  }

  /**
   * Merges a JSON merge patch into an object and returns the object as it was, for the
   * automatic inverse ({@link #restore}). A deployment takes `spec.replicas` only.
   */
  public Map<String, Object> patch(String kind, String name, Map<String, Object> patch,
      String namespace) {
    return objects.patch(kind, name, patch, namespace);
  }

  /** Puts back an object as {@link #patch} returned it. */
  public void restore(String kind, String name, Map<String, Object> previous, String namespace) {
    objects.restore(kind, name, previous, namespace);
  }

  /** Sets the replicas of a deployment and returns the previous number. */
  public int scale(String kind, String name, int replicas, String namespace) {
    return world.write(now -> deployment(kind, name, namespace).scale(replicas, now));
  }

  public void rolloutRestart(String kind, String name, String namespace) {
    world.write(now -> {
      deployment(kind, name, namespace).rolloutRestart(now);
      world.chaosStarted(now);
      return null;
    });
  }

  public boolean rolloutComplete(String kind, String name, String namespace) {
    return world.read(now -> deployment(kind, name, namespace).rolloutCompleteAt(now));
  }

  public Results.Hpa hpa(String name, String namespace) {
    return world.read(now -> {
      String ns = resolve(namespace);
      for (Deployment d : deployments.values()) {
        if (d.spec.hpa() != null && d.spec.hpa().name().equals(name) && d.namespace().equals(ns)) {
          return new Results.Hpa(d.replicas(), d.desiredReplicas(), d.spec.hpa().min(),
              d.spec.hpa().max());
        }
      }
      throw new SandboxException("horizontalpodautoscalers \"" + name + "\" not found in"
          + " namespace " + ns + (cluster.isEmpty() ? "" : " of cluster " + cluster));
    });
  }

  /** Events about the selected pods, by reason (null: every reason), since an instant. */
  public int events(Selector selector, String reason, Instant since) {
    return world.read(now -> {
      int n = 0;
      for (Deployment d : selected(selector)) {
        for (Deployment.Event e : d.events(now)) {
          if ((since == null || !e.time().isBefore(since))
              && (reason == null || reason.equals(e.reason()))) {
            n++;
          }
        }
      }
      return n;
    });
  }

  public Results.Usage usage(Selector selector) {
    return world.read(now -> {
      double cpu = 0;
      long memory = 0;
      for (Deployment d : selected(selector)) {
        for (Deployment.Pod pod : d.podsAt(now)) {
          cpu += d.cpuUseAt(pod, now);
          memory += d.memoryUseAt(pod, now);
        }
      }
      return new Results.Usage(cpu, memory);
    });
  }

  // ---- inside the world ------------------------------------------------------------------

  /** Adds or replaces an object; kinds listed under `chaos` start acting. */
  Applied put(String kind, String namespace, String name, Map<String, Object> tree, Instant now,
      Duration runFor) {
    return objects.put(kind, namespace, name, tree, now, runFor);
  }

  List<ChaosObject> chaosObjects() {
    return chaos.objects();
  }

  Map<String, Object> object(String kind, String namespace, String name) {
    return objects.object(kind, namespace, name);
  }

  /** Extra cores per pod that active chaos puts on a deployment. */
  double chaosCpu(Deployment d, Instant t) {
    return chaos.cpuOn(d, t);
  }

  /** A deployment of the world file by namespace and name; the loader checked it exists. */
  Deployment deployment(String namespace, String name) {
    Deployment d = deployments.get(new ObjectKey("deployment", namespace, name));
    if (d == null) {
      throw new SandboxException("deployment \"" + name + "\" not found in namespace "
          + namespace + (cluster.isEmpty() ? "" : " of cluster " + cluster));
    }
    return d;
  }

  Iterable<Deployment> deployments() {
    return deployments.values();
  }

  /** The deployment under {@code key}; null when the key is of another kind or names none. */
  Deployment deploymentAt(ObjectKey key) {
    return deployments.get(key);
  }

  boolean disruptedAt(Instant t) {
    return chaos.activeAt(t)
        || deployments.values().stream().anyMatch(d -> d.disruptedAt(t));
  }

  void tick(Instant t) {
    runDue(t);
    nodes.tick(t);
    for (Deployment d : deployments.values()) {
      d.hpaTick(t);
    }
  }

  World world() {
    return world;
  }

  Nodes nodes() {
    return nodes;
  }

  /** Does {@code action} at {@code at} (now at the latest), in the order asked. */
  void at(Instant at, Consumer<Instant> action) {
    due.at(at, action);
  }

  /** Does what is due up to {@code upTo}, each at its own instant. */
  void runDue(Instant upTo) {
    due.runUpTo(upTo);
  }

  /**
   * The pods {@code selection} hits at {@code t}: those its selector matches (not already
   * terminating), as many as its mode says, picked by the world's seeded random.
   */
  List<Deployment.Pod> choose(ChaosSelection selection, Instant t) {
    List<Deployment.Pod> matched = new ArrayList<>();
    for (Deployment d : deployments.values()) {
      for (Deployment.Pod pod : d.podsAt(t)) {
        if (pod.deletedAt == null && selection.selector().matches(facts(d, pod, t))) {
          matched.add(pod);
        }
      }
    }
    int count = ChaosRun.count(selection, matched.size(), world.random());
    return RandomPicks.pick(matched, count, world.random());
  }

  /** A pod as a chaos selector reads it: its deployment's labels, its node and phase. */
  private PodFacts facts(Deployment d, Deployment.Pod pod, Instant t) {
    // the world's workloads are Deployments
    return new PodFacts(d.namespace(), pod.name, d.spec.labels(),
        Map.of(), pod.startedAt(t) && !world.regions().clusterDownAt(cluster, t) ? "Running"
            : "Pending", pod.node, "deployment",
        nodes.labels(pod.node));
  }

  String resolve(String namespace) {
    return namespace == null || namespace.isEmpty() ? contextNamespace : namespace;
  }

  private List<Deployment> selected(Selector selector) {
    LabelSelector labels = LabelSelector.parse(selector.labels());
    String ns = resolve(selector.namespace());
    return deployments.values().stream()
        .filter(d -> d.namespace().equals(ns) && labels.matches(d.spec.labels())).toList();
  }

  private Deployment deployment(String kind, String name, String namespace) {
    ObjectKey key = new ObjectKey(Kinds.normalise(kind), resolve(namespace), name);
    Deployment d = deployments.get(key);
    if (d == null) {
      throw notFound(key);
    }
    return d;
  }

  SandboxException notFound(ObjectKey key) {
    return new SandboxException(key.kind() + " \"" + key.name() + "\" not found in namespace "
        + key.namespace() + (cluster.isEmpty() ? "" : " of cluster " + cluster));
  }
}
