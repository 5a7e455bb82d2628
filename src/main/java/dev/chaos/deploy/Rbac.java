package dev.chaos.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The RBAC rules that allow exactly the requests the runs need: one Role per namespace, a
 * ClusterRole only for cluster-scoped resources; one rule per resource with the verbs used on
 * it. Nothing is widened: no wildcard, no verb, resource or namespace that no call needs.
 */
public final class Rbac {
  /** One rule: the verbs on one resource of one group, in a namespace ("": cluster-wide). */
  public record Rule(String namespace, String group, String resource, List<String> verbs) {}

  private final Map<String, Map<String, TreeSet<String>>> byNamespace = new TreeMap<>();
  private final Map<KubeRequest, List<Need>> why = new LinkedHashMap<>();

  private Rbac() {}

  public static Rbac of(List<Need> needs) {
    Rbac out = new Rbac();
    for (Need n : needs) {
      KubeRequest r = n.request();
      out.byNamespace.computeIfAbsent(r.namespace(), k -> new TreeMap<>())
          .computeIfAbsent(r.group() + "/" + r.resource(), k -> new TreeSet<>()).add(r.verb());
      out.why.computeIfAbsent(r, k -> new ArrayList<>()).add(n);
    }
    return out;
  }

  /** The namespaces that get a Role, sorted; cluster-wide rules are not among them. */
  public List<String> namespaces() {
    return byNamespace.keySet().stream().filter(n -> !n.isEmpty()).toList();
  }

  /** The rules of {@code namespace} ("": the ClusterRole's), by group then resource. */
  public List<Rule> rules(String namespace) {
    List<Rule> out = new ArrayList<>();
    byNamespace.getOrDefault(namespace, new TreeMap<>()).forEach((key, verbs) -> {
      int slash = key.indexOf('/');
      out.add(new Rule(namespace, key.substring(0, slash), key.substring(slash + 1),
          List.copyOf(verbs)));
    });
    return out;
  }

  public boolean hasClusterRules() {
    return byNamespace.containsKey("");
  }

  /** Whether the rules allow {@code request}. */
  public boolean allows(KubeRequest request) {
    TreeSet<String> verbs = byNamespace.getOrDefault(request.namespace(), new TreeMap<>())
        .get(request.group() + "/" + request.resource());
    return verbs != null && verbs.contains(request.verb());
  }

  /** Every request some rule allows: each is needed by at least one call. */
  public List<KubeRequest> granted() {
    List<KubeRequest> out = new ArrayList<>();
    for (String ns : byNamespace.keySet()) {
      for (Rule r : rules(ns)) {
        r.verbs().forEach(v -> out.add(new KubeRequest(v, r.group(), r.resource(), ns)));
      }
    }
    return out;
  }

  /** Who needs {@code request}: runbook lines and functions, in the order they were found. */
  public List<Need> needs(KubeRequest request) {
    return why.getOrDefault(request, List.of());
  }

  /** `chaos deploy --explain`: each rule's verbs, each with the lines that need it. */
  public String explain() {
    StringBuilder out = new StringBuilder();
    List<String> order = new ArrayList<>(byNamespace.keySet());
    order.sort(Comparator.comparing((String n) -> n.isEmpty()).thenComparing(n -> n));
    for (String ns : order) {
      out.append(ns.isEmpty() ? "ClusterRole (cluster-scoped resources)" : "Role in " + ns)
          .append('\n');
      for (Rule r : rules(ns)) {
        out.append("  ").append(r.resource()).append(r.group().isEmpty() ? "" : "." + r.group())
            .append(": ").append(String.join(", ", r.verbs())).append('\n');
        for (String verb : r.verbs()) {
          // a line that needs it twice (two calls on one line) is said once
          java.util.Set<String> lines = new java.util.LinkedHashSet<>();
          for (Need n : needs(new KubeRequest(verb, r.group(), r.resource(), ns))) {
            lines.add("    " + verb + ": " + n.where() + " (" + n.function() + ")\n");
          }
          lines.forEach(out::append);
        }
      }
    }
    return out.toString();
  }
}
