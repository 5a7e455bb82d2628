package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosInjection;
import dev.chaos.drivers.kube.ChaosInjections;
import dev.chaos.drivers.kube.ChaosSelection;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.drivers.kube.LabelSelector;
import dev.chaos.drivers.sandbox.Results.Selector;
import dev.chaos.drivers.sandbox.WorldSpec.ChaosSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Kubernetes cluster of the world, with one method per function of the `k8s` signature
 * table. Deployments and their pods are modelled ({@link Deployment}); any other object
 * (chaos objects, workflows, config maps) is kept as the tree that was applied. An applied
 * object of a kind the world file lists under `chaos` acts on the world ({@link ChaosObject}).
 *
 * <p>A namespace argument of "" means the context's namespace of the cluster.
 */
public final class K8sWorld {
  /** An object kept as a tree, with its kind normalised. */
  private record Key(String kind, String namespace, String name) {}

  /**
   * One object that `apply` created ({@code previous} null) or changed; {@link #revert}
   * undoes it, which is the automatic inverse of `k8s.apply`.
   */
  public record Applied(String ref, String kind, String namespace, String name,
      Map<String, Object> previous, String uid) {}

  private final World world;
  private final String cluster;
  private final String contextNamespace;
  private final Set<String> namespaces = new LinkedHashSet<>();
  private final Map<Key, Deployment> deployments = new LinkedHashMap<>();
  private final Map<Key, Map<String, Object>> objects = new LinkedHashMap<>();
  private final List<ChaosObject> chaos = new ArrayList<>();
  private final Nodes nodes;
  /** Chaos that starts later (a Workflow's later steps, a Schedule's runs), by instant. */
  private final java.util.PriorityQueue<Due> due = new java.util.PriorityQueue<>();
  /** Objects created so far: the last uid given. */
  private long uids;
  private long dueOrder;

  /** Something to do at an instant; {@code order} keeps the order it was asked in. */
  private record Due(Instant at, long order, java.util.function.Consumer<Instant> action)
      implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  K8sWorld(World world, String cluster, WorldSpec.ClusterSpec spec) {
    this.world = world;
    this.cluster = cluster;
    this.contextNamespace = spec.namespace();
    namespaces.addAll(spec.namespaces());
    this.nodes = new Nodes(spec.nodes());
    for (WorldSpec.DeploymentSpec d : spec.deployments()) {
      namespaces.add(d.namespace());
      Deployment deployment = new Deployment(d, world.start(), world.random(), nodes);
      deployment.kindCpu = t -> chaosCpu(deployment, t);
      deployments.put(new Key("deployment", d.namespace(), d.name()), deployment);
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
  public List<dev.chaos.drivers.kube.PodFacts> podFacts(String namespace) {
    return world.read(now -> {
      String ns = resolve(namespace);
      List<dev.chaos.drivers.kube.PodFacts> out = new ArrayList<>();
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
      // spread the kills over the deployments in proportion, in a stable order
      int total = targets.stream().mapToInt(d -> d.podsAt(now).size()).sum();
      if (count > total) {
        throw new SandboxException("cannot kill " + count + " pods: the selector `"
            + selector.labels() + "` in namespace " + selector.namespace() + " picks " + total);
      }
      int left = count;
      for (Deployment d : targets) {
        int share = targets.size() == 1 ? left
            : Math.min(left, (int) Math.ceil((double) count * d.podsAt(now).size() / total));
        killed.addAll(d.kill(share, grace, now));
        left -= share;
      }
      world.chaosStarted(now);
      return killed;
    });
  }

  /** Creates or updates the objects of a manifest, as `kubectl apply`; see {@link Applied}. */
  public List<Applied> apply(String manifest, String namespace) {
    List<ManifestDocuments.Doc> docs = Manifest.parse(manifest);
    // refused before anything is stored, so that an apply is all or nothing
    for (ManifestDocuments.Doc doc : docs) {
      refuseDeployment(Kinds.normalise(doc.kind()), doc.name());
      ChaosRun.check(world, injections(doc, doc.namespace().isEmpty() ? resolve(namespace)
          : doc.namespace()));
    }
    return world.write(now -> {
      List<Applied> applied = new ArrayList<>();
      for (ManifestDocuments.Doc doc : docs) {
        String ns = !doc.namespace().isEmpty() ? doc.namespace() : resolve(namespace);
        String name = doc.name().isEmpty() ? doc.generateName() + world.randomSuffix()
            : doc.name();
        // the manifest's group too: a Chaos Mesh Workflow is not an Argo one
        applied.add(put(Kinds.normalise(doc.kind(), doc.apiVersion()), ns, name, doc.tree(),
            now, null));
      }
      return applied;
    });
  }

  /** Undoes one object of an `apply`: deletes it if it was created, else restores it. */
  public void revert(Applied applied) {
    world.write(now -> {
      Key key = new Key(applied.kind(), applied.namespace(), applied.name());
      if (applied.previous() == null) {
        // exactly the object created: one recreated under its name (another uid) is not ours
        Map<String, Object> current = objects.get(key);
        if (current != null && applied.uid().equals(ManifestDocuments.text(
            ManifestDocuments.at(current, "metadata", "uid")))) {
          deleteObject(key, now);
        }
      } else {
        objects.put(key, applied.previous());
      }
      return null;
    });
  }

  /** Deletes one object; false when there was none (no error, as the signature table says). */
  public boolean delete(String kind, String name, String namespace) {
    return world.write(now -> deleteObject(new Key(Kinds.normalise(kind), resolve(namespace),
        name), now));
  }

  public int deleteAll(String kind, String namespace, String labels) {
    return world.write(now -> {
      List<Key> keys = keys(Kinds.normalise(kind), resolve(namespace), labels, now);
      keys.forEach(k -> deleteObject(k, now));
      return keys.size();
    });
  }

  /** The object as a Json tree; a missing object is an error, as with kubectl. */
  public Map<String, Object> get(String kind, String name, String namespace) {
    return world.read(now -> {
      Key key = new Key(Kinds.normalise(kind), resolve(namespace), name);
      Map<String, Object> tree = tree(key, now);
      if (tree == null) {
        throw notFound(key);
      }
      return tree;
    });
  }

  public boolean exists(String kind, String name, String namespace) {
    return world.read(now -> tree(new Key(Kinds.normalise(kind), resolve(namespace), name), now)
        != null);
  }

  /** The names of the objects {@link #deleteAll} would delete, in the order it finds them. */
  public List<String> names(String kind, String namespace, String labels) {
    return world.read(now -> keys(Kinds.normalise(kind), resolve(namespace), labels, now)
        .stream().map(Key::name).toList());
  }

  public int count(String kind, String namespace, String labels) {
    return world.read(now -> keys(Kinds.normalise(kind), resolve(namespace), labels, now).size());
  }

  /**
   * Merges a JSON merge patch into an object and returns the object as it was, for the
   * automatic inverse ({@link #restore}). A deployment takes `spec.replicas` only.
   */
  public Map<String, Object> patch(String kind, String name, Map<String, Object> patch,
      String namespace) {
    return world.write(now -> {
      Key key = new Key(Kinds.normalise(kind), resolve(namespace), name);
      Map<String, Object> previous = tree(key, now);
      if (previous == null) {
        throw notFound(key);
      }
      Deployment deployment = deployments.get(key);
      if (deployment != null) {
        Object replicas = ManifestDocuments.at(patch, "spec", "replicas");
        if (!(replicas instanceof Number n) || patch.size() != 1
            || ManifestDocuments.map(patch.get("spec")).size() != 1) {
          throw new SandboxException("the sandbox patches only `spec.replicas` of a deployment");
        }
        deployment.scale(n.intValue(), now);
      } else {
        objects.put(key, MergePatch.apply(previous, patch));
      }
      return previous;
    });
  }

  /** Puts back an object as {@link #patch} returned it. */
  public void restore(String kind, String name, Map<String, Object> previous, String namespace) {
    world.write(now -> {
      Key key = new Key(Kinds.normalise(kind), resolve(namespace), name);
      Deployment deployment = deployments.get(key);
      if (deployment != null) {
        Object replicas = ManifestDocuments.at(previous, "spec", "replicas");
        deployment.scale(((Number) replicas).intValue(), now);
      } else {
        objects.put(key, previous);
      }
      return null;
    });
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
    Key key = new Key(Kinds.normalise(kind), namespace, name);
    refuseDeployment(key.kind(), name);
    namespaces.add(namespace);
    Map<String, Object> previous = objects.get(key);
    String created = previous == null ? now.toString()
        : ManifestDocuments.text(ManifestDocuments.at(previous, "metadata", "creationTimestamp"));
    // a counter, not the world's random numbers: a uid must not change what the seed picks
    String uid = previous == null ? "sandbox" + cluster + "-uid-" + (++uids)
        : ManifestDocuments.text(ManifestDocuments.at(previous, "metadata", "uid"));
    Map<String, Object> stored = Manifest.withMetadata(tree, name, namespace, created);
    ManifestDocuments.map(stored.get("metadata")).put("uid", uid);
    objects.put(key, stored);
    ChaosSpec effect = world.spec().chaos().get(key.kind());
    List<ChaosInjection> injections = previous != null ? List.of()
        : injections(new ManifestDocuments.Doc(ManifestDocuments.text(tree.get("kind")),
            ManifestDocuments.text(tree.get("apiVersion")), name, "", namespace, tree), namespace);
    if (!injections.isEmpty()) {
      runInjections(key, tree, injections, now);
    } else if (effect != null && previous == null) {
      startChaos(key, tree, effect, now, runFor);
    }
    return new Applied(key.kind() + "/" + name, key.kind(), namespace, name, previous, uid);
  }

  private static void refuseDeployment(String kind, String name) {
    if (kind.equals("deployment")) {
      throw new SandboxException("the sandbox does not apply deployments: describe `" + name
          + "` in the world file instead");
    }
  }

  /**
   * What a Chaos Mesh object does ({@link ChaosInjections}); nothing for other objects (Litmus
   * and Argo objects act through the world file's `chaos` section).
   */
  private static List<ChaosInjection> injections(ManifestDocuments.Doc doc, String namespace) {
    if (!Kinds.groupOf(doc.apiVersion()).equals(Kinds.CHAOS_MESH)) {
      return List.of();
    }
    try {
      return ChaosInjections.of(doc, namespace);
    } catch (IllegalArgumentException e) {
      throw new SandboxException(e.getMessage());
    }
  }

  /** A Chaos Mesh object: its injections act on the pods they choose ({@link ChaosRun}). */
  private void runInjections(Key key, Map<String, Object> tree, List<ChaosInjection> injections,
      Instant now) {
    Object specDuration = ManifestDocuments.at(tree, "spec", "duration");
    boolean plain = injections.size() == 1 && injections.get(0).timing().startAfter().isZero()
        && injections.get(0).timing().schedule().isEmpty()
        && !Kinds.normalise(key.kind()).startsWith("workflow");
    Instant endsAt = plain ? (specDuration == null ? null
        : now.plus(injections.get(0).duration())) : ChaosRun.endOf(injections, now);
    ChaosObject object = new ChaosObject(key.kind(), key.namespace(), key.name(), now, endsAt,
        ChaosObject.NO_EFFECT, List.of(), injections);
    chaos.add(object);
    world.chaosStarted(now);
    ChaosRun.plan(this, object, now);
    runDue(now);
  }

  private void startChaos(Key key, Map<String, Object> tree, ChaosSpec effect, Instant now,
      Duration runFor) {
    Object specDuration = ManifestDocuments.at(tree, "spec", "duration");
    Duration duration = runFor != null ? runFor
        : specDuration == null ? null : goDuration(key, specDuration.toString());
    List<Deployment> targets = ChaosTargets.of(tree, effect, deployments.values(),
        key.namespace());
    ChaosObject object = new ChaosObject(key.kind(), key.namespace(), key.name(), now,
        duration == null ? null : now.plus(duration), effect, targets);
    chaos.add(object);
    world.chaosStarted(now);
    for (Deployment target : targets) {
      int pods = target.podsAt(now).size();
      int kills = ChaosTargets.kills(tree, effect, pods);
      if (kills > 0) {
        target.kill(kills, Duration.ZERO, now);
      }
    }
  }

  /** A `spec.duration` as the chaos tools write it: a Go duration (`30s`, `1500000us`). */
  private static Duration goDuration(Key key, String text) {
    try {
      return dev.chaos.drivers.kube.GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new SandboxException(key.kind() + " `" + key.name() + "` `spec.duration` "
          + e.getMessage());
    }
  }

  List<ChaosObject> chaosObjects() {
    return chaos;
  }

  Map<String, Object> object(String kind, String namespace, String name) {
    return objects.get(new Key(Kinds.normalise(kind), namespace, name));
  }

  /** Extra cores per pod that active chaos puts on a deployment. */
  double chaosCpu(Deployment d, Instant t) {
    double extra = 0;
    for (ChaosObject c : chaos) {
      if (c.activeAt(t) && c.targets.contains(d)) {
        extra += c.effect.cpu();
      }
    }
    return extra;
  }

  /** A deployment of the world file by namespace and name; the loader checked it exists. */
  Deployment deployment(String namespace, String name) {
    Deployment d = deployments.get(new Key("deployment", namespace, name));
    if (d == null) {
      throw new SandboxException("deployment \"" + name + "\" not found in namespace "
          + namespace + (cluster.isEmpty() ? "" : " of cluster " + cluster));
    }
    return d;
  }

  Iterable<Deployment> deployments() {
    return deployments.values();
  }

  boolean disruptedAt(Instant t) {
    return chaos.stream().anyMatch(c -> c.activeAt(t))
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
  void at(Instant at, java.util.function.Consumer<Instant> action) {
    due.add(new Due(at, dueOrder++, action));
  }

  /** Does what is due up to {@code upTo}, each at its own instant. */
  void runDue(Instant upTo) {
    while (!due.isEmpty() && !due.peek().at().isAfter(upTo)) {
      Due next = due.poll();
      next.action().accept(next.at());
    }
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
  private dev.chaos.drivers.kube.PodFacts facts(Deployment d, Deployment.Pod pod, Instant t) {
    // the world's workloads are Deployments
    return new dev.chaos.drivers.kube.PodFacts(d.namespace(), pod.name, d.spec.labels(),
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
    Key key = new Key(Kinds.normalise(kind), resolve(namespace), name);
    Deployment d = deployments.get(key);
    if (d == null) {
      throw notFound(key);
    }
    return d;
  }

  private boolean deleteObject(Key key, Instant now) {
    if (key.kind().equals("pod")) {
      for (Deployment d : deployments.values()) {
        if (d.namespace().equals(key.namespace())
            && d.podsAt(now).stream().anyMatch(p -> p.name.equals(key.name()))) {
          d.killNamed(key.name(), now);
          world.chaosStarted(now);
          return true;
        }
      }
      return false;
    }
    if (key.kind().equals("deployment")) {
      throw new SandboxException("the sandbox does not delete deployments; scale `" + key.name()
          + "` to 0 instead");
    }
    if (objects.remove(key) == null) {
      return false;
    }
    for (ChaosObject c : chaos) {
      if (c.kind.equals(key.kind()) && c.namespace.equals(key.namespace())
          && c.name.equals(key.name()) && c.deletedAt == null) {
        c.deletedAt = now;
      }
    }
    return true;
  }

  /** The objects of a kind in a namespace whose labels match; pods and deployments included. */
  private List<Key> keys(String kind, String namespace, String labels, Instant now) {
    LabelSelector selector = LabelSelector.parse(labels == null ? "" : labels);
    List<Key> out = new ArrayList<>();
    for (Deployment d : deployments.values()) {
      if (!d.namespace().equals(namespace) || !selector.matches(d.spec.labels())) {
        continue;
      }
      if (kind.equals("deployment")) {
        out.add(new Key(kind, namespace, d.name()));
      } else if (kind.equals("pod")) {
        d.podsAt(now).forEach(p -> out.add(new Key(kind, namespace, p.name)));
      }
    }
    objects.forEach((key, tree) -> {
      if (key.kind().equals(kind) && key.namespace().equals(namespace)
          && selector.matches(ObjectTrees.labels(tree))) {
        out.add(key);
      }
    });
    return out;
  }

  private Map<String, Object> tree(Key key, Instant now) {
    if (key.kind().equals("deployment")) {
      Deployment d = deployments.get(key);
      return d == null ? null : ObjectTrees.deployment(d, now);
    }
    if (key.kind().equals("pod")) {
      for (Deployment d : deployments.values()) {
        for (Deployment.Pod p : d.podsAt(now)) {
          if (d.namespace().equals(key.namespace()) && p.name.equals(key.name())) {
            return ObjectTrees.pod(d, p, now);
          }
        }
      }
      return null;
    }
    return objects.get(key);
  }

  private SandboxException notFound(Key key) {
    return new SandboxException(key.kind() + " \"" + key.name() + "\" not found in namespace "
        + key.namespace() + (cluster.isEmpty() ? "" : " of cluster " + cluster));
  }
}
