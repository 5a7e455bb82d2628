package dev.chaos.drivers.kube;

import dev.chaos.drivers.ManifestDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pods a chaos object's selector matches, as Chaos Mesh decides (api/v1alpha1/selector.go,
 * pkg/selector): `pods` (namespace to names) alone when given; otherwise every pod of
 * `namespaces` (the object's own namespace when none is given) that meets all of
 * `labelSelectors`, `expressionSelectors`, `annotationSelectors`, `fieldSelectors`,
 * `podPhaseSelectors`, and whose node is one of `nodes` or has all the labels of
 * `nodeSelectors` (when either is given: Chaos Mesh takes the nodes named and those selected).
 * `nodeSelectors` needs the nodes' labels: the live drivers read them, the sandbox's world has
 * no nodes and refuses them.
 */
public record PodSelector(List<String> namespaces, LabelSelector labels,
    Map<String, String> annotations, Map<String, String> fields, List<String> phases,
    List<String> nodes, Map<String, List<String>> pods, String workloadKind,
    Map<String, String> nodeSelectors) {
  public PodSelector {
    namespaces = List.copyOf(namespaces);
    annotations = Map.copyOf(annotations);
    fields = Map.copyOf(fields);
    phases = List.copyOf(phases);
    nodes = List.copyOf(nodes);
    pods = Map.copyOf(pods);
    workloadKind = workloadKind == null || workloadKind.isBlank() ? ""
        : Kinds.normalise(workloadKind);
    nodeSelectors = Map.copyOf(nodeSelectors);
  }

  /**
   * A Chaos Mesh `selector` mapping; {@code objectNamespace} is the chaos object's namespace.
   *
   * @throws IllegalArgumentException naming the field Chaos Mesh would refuse or we cannot judge
   */
  public static PodSelector chaosMesh(String where, Object selector, String objectNamespace) {
    Map<String, Object> s = ManifestDocuments.map(selector);
    List<String> namespaces = strings(s.get("namespaces"));
    if (namespaces.isEmpty()) {
      namespaces = List.of(objectNamespace);
    }
    List<SelectorRequirement> requirements = new ArrayList<>(
        LabelSelector.matchLabels(stringMap(s.get("labelSelectors"))).requirements());
    Object expressions = s.get("expressionSelectors");
    if (expressions instanceof List<?> list) {
      for (Object e : list) {
        requirements.add(expression(where, ManifestDocuments.map(e)));
      }
    }
    Map<String, List<String>> pods = new LinkedHashMap<>();
    ManifestDocuments.map(s.get("pods")).forEach((ns, names) -> pods.put(ns, strings(names)));
    return new PodSelector(namespaces, new LabelSelector(text(requirements), requirements),
        stringMap(s.get("annotationSelectors")), stringMap(s.get("fieldSelectors")),
        strings(s.get("podPhaseSelectors")), strings(s.get("nodes")), pods, "",
        stringMap(s.get("nodeSelectors")));
  }

  /**
   * Litmus's `appinfo`: the pods of {@code namespace} matching {@code labels} and owned by a
   * workload of kind {@code appkind} (any when blank), or named ones.
   */
  public static PodSelector litmus(String namespace, String labels, List<String> named,
      String appkind) {
    Map<String, List<String>> pods = named.isEmpty() ? Map.of() : Map.of(namespace, named);
    return new PodSelector(List.of(namespace), LabelSelector.parse(labels), Map.of(), Map.of(),
        List.of(), List.of(), pods, appkind, Map.of());
  }

  /** Whether judging it needs the labels of the pods' nodes. */
  public boolean needsNodes() {
    return !nodeSelectors.isEmpty();
  }

  /** Whether judging it needs to know which workload owns each pod. */
  public boolean needsWorkloads() {
    return !workloadKind.isEmpty();
  }

  /** The namespaces whose pods must be read to judge it. */
  public List<String> namespacesToRead() {
    return pods.isEmpty() ? namespaces : List.copyOf(pods.keySet());
  }

  public boolean matches(PodFacts pod) {
    if (!pods.isEmpty()) {
      return pods.getOrDefault(pod.namespace(), List.of()).contains(pod.name());
    }
    if (!namespaces.contains(pod.namespace()) || !labels.matches(pod.labels())) {
      return false;
    }
    if (!workloadKind.isEmpty() && !workloadKind.equals(pod.workloadKind())) {
      return false;
    }
    for (Map.Entry<String, String> a : annotations.entrySet()) {
      if (!a.getValue().equals(pod.annotations().get(a.getKey()))) {
        return false;
      }
    }
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (!f.getValue().equals(pod.field(f.getKey()))) {
        return false;
      }
    }
    return (phases.isEmpty() || phases.contains(pod.phase())) && onSelectedNode(pod);
  }

  private boolean onSelectedNode(PodFacts pod) {
    if (nodes.isEmpty() && nodeSelectors.isEmpty()) {
      return true;
    }
    if (nodes.contains(pod.nodeName())) {
      return true;
    }
    return !nodeSelectors.isEmpty() && !pod.nodeName().isEmpty()
        && pod.nodeLabels().entrySet().containsAll(nodeSelectors.entrySet());
  }

  /** "labelled `tier=backend` in `shop`", "named `a`, `b` in `shop`". */
  public String describe() {
    if (!pods.isEmpty()) {
      List<String> parts = new ArrayList<>();
      pods.forEach((ns, names) -> parts.add("named " + quoted(names) + " in `" + ns + "`"));
      return String.join(" and ", parts);
    }
    List<String> parts = new ArrayList<>();
    if (!labels.isEmpty()) {
      parts.add("labelled `" + labels.text() + "`");
    }
    if (!annotations.isEmpty()) {
      parts.add("annotated `" + pairs(annotations) + "`");
    }
    if (!fields.isEmpty()) {
      parts.add("with fields `" + pairs(fields) + "`");
    }
    if (!phases.isEmpty()) {
      parts.add("in phase " + String.join(" or ", phases));
    }
    if (!nodes.isEmpty() || !nodeSelectors.isEmpty()) {
      List<String> on = new ArrayList<>();
      if (!nodes.isEmpty()) {
        on.add(quoted(nodes));
      }
      if (!nodeSelectors.isEmpty()) {
        on.add("labelled `" + pairs(nodeSelectors) + "`");
      }
      parts.add("on nodes " + String.join(" or ", on));
    }
    String where = "in " + quoted(namespaces.stream().map(n -> n.isEmpty()
        ? "the default namespace" : n).toList());
    String of = workloadKind.isEmpty() ? "" : "of a " + workloadKind + " ";
    return of + (parts.isEmpty() ? where : String.join(", ", parts) + " " + where);
  }

  private static SelectorRequirement expression(String where, Map<String, Object> e) {
    String key = ManifestDocuments.text(e.get("key"));
    String operator = ManifestDocuments.text(e.get("operator"));
    List<String> values = strings(e.get("values"));
    SelectorOperator op = switch (operator) {
      case "In" -> SelectorOperator.IN;
      case "NotIn" -> SelectorOperator.NOT_IN;
      case "Exists" -> SelectorOperator.EXISTS;
      case "DoesNotExist" -> SelectorOperator.DOES_NOT_EXIST;
      default -> throw new IllegalArgumentException(where + " `selector.expressionSelectors`"
          + " operator `" + operator + "` is not In, NotIn, Exists or DoesNotExist");
    };
    if (key.isEmpty()) {
      throw new IllegalArgumentException(where + " `selector.expressionSelectors` has an"
          + " expression without a `key`");
    }
    boolean takesValues = op == SelectorOperator.IN || op == SelectorOperator.NOT_IN;
    if (takesValues == values.isEmpty()) {
      throw new IllegalArgumentException(where + " `selector.expressionSelectors` `" + key
          + "` " + operator + (takesValues ? " needs values" : " takes no values"));
    }
    return new SelectorRequirement(key, op, values);
  }

  private static String text(List<SelectorRequirement> requirements) {
    return String.join(",", requirements.stream().map(SelectorRequirement::toString).toList());
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> out.add(String.valueOf(v)));
    } else if (value != null && !String.valueOf(value).isBlank()) {
      out.add(String.valueOf(value));
    }
    return out;
  }

  private static Map<String, String> stringMap(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    ManifestDocuments.map(value).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static String pairs(Map<String, String> map) {
    List<String> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(k + "=" + v));
    return String.join(",", out);
  }

  private static String quoted(List<String> names) {
    return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
  }
}
