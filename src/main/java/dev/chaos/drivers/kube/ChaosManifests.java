package dev.chaos.drivers.kube;

import dev.chaos.drivers.ManifestDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pod choices ({@link ChaosSelection}) an applied object makes, read from its manifest:
 *
 * <ul>
 *   <li>Chaos Mesh kinds that select pods (PodChaos, NetworkChaos and its `target`, StressChaos,
 *       IOChaos, HTTPChaos, TimeChaos, DNSChaos, JVMChaos, KernelChaos): `spec.selector`,
 *       `spec.mode`, `spec.value`;
 *   <li>a Chaos Mesh Schedule (the embedded object named by `spec.type`) and Workflow (each
 *       template's embedded object, Schedules included);
 *   <li>a Litmus ChaosEngine: `spec.appinfo` (`appns`, `applabel`) and each experiment's
 *       `PODS_AFFECTED_PERC` and `TARGET_PODS`;
 *   <li>an Argo Workflow, WorkflowTemplate or CronWorkflow: each template's
 *       `resource.manifest`, read as a manifest in turn when it is literal (no `{{...}}`).
 * </ul>
 *
 * <p>Any other object selects no pods here.
 */
public final class ChaosManifests {
  private ChaosManifests() {}

  /** The Chaos Mesh kinds that select pods, lower case, by their field name in a Schedule. */
  private static final List<String> POD_KINDS = List.of("PodChaos", "NetworkChaos",
      "StressChaos", "IOChaos", "HTTPChaos", "TimeChaos", "DNSChaos", "JVMChaos", "KernelChaos");

  /**
   * The choices of one manifest object; {@code namespace} is the namespace it lands in.
   *
   * @throws IllegalArgumentException naming the object and field Chaos Mesh or Litmus would
   *     refuse, or that cannot be judged
   */
  public static List<ChaosSelection> of(ManifestDocuments.Doc doc, String namespace) {
    List<ChaosSelection> out = new ArrayList<>();
    String group = group(doc.apiVersion());
    String kind = doc.kind();
    String subject = kind + " `" + doc.shownName() + "`";
    Map<String, Object> spec = ManifestDocuments.map(doc.tree().get("spec"));
    if (group.equals("chaos-mesh.org")) {
      chaosMesh(out, subject, kind, spec, namespace);
    } else if (group.equals("litmuschaos.io") && kind.equalsIgnoreCase("ChaosEngine")) {
      litmus(out, subject, spec, namespace);
    } else if (group.equals("argoproj.io")) {
      argo(out, subject, kind, spec, namespace);
    }
    return out;
  }

  /**
   * The choices of a workflow given to `argo.submit`, which is an Argo Workflow whatever its
   * `apiVersion` says.
   */
  public static List<ChaosSelection> argoWorkflow(ManifestDocuments.Doc doc, String namespace) {
    List<ChaosSelection> out = new ArrayList<>();
    argo(out, doc.kind() + " `" + doc.shownName() + "`", doc.kind(),
        ManifestDocuments.map(doc.tree().get("spec")), namespace);
    return out;
  }

  /** Every choice of a whole manifest; objects without a namespace land in {@code namespace}. */
  public static List<ChaosSelection> of(String manifest, String namespace) {
    List<ChaosSelection> out = new ArrayList<>();
    for (ManifestDocuments.Doc d : ManifestDocuments.objects(manifest)) {
      out.addAll(of(d, d.namespace().isEmpty() ? namespace : d.namespace()));
    }
    return out;
  }

  private static void chaosMesh(List<ChaosSelection> out, String subject, String kind,
      Map<String, Object> spec, String namespace) {
    String known = podKind(kind);
    if (known != null) {
      podChaos(out, subject, known, spec, namespace);
    } else if (kind.equalsIgnoreCase("Schedule")) {
      scheduled(out, subject, spec, namespace);
    } else if (kind.equalsIgnoreCase("Workflow")) {
      for (Object t : list(spec.get("templates"))) {
        Map<String, Object> template = ManifestDocuments.map(t);
        String type = ManifestDocuments.text(template.get("templateType"));
        String inner = subject + ", template `" + ManifestDocuments.text(template.get("name"))
            + "`";
        if (type.equals("Schedule")) {
          scheduled(out, inner, ManifestDocuments.map(template.get("schedule")), namespace);
        } else if (podKind(type) != null) {
          podChaos(out, inner + " (" + podKind(type) + ")", podKind(type),
              ManifestDocuments.map(template.get(field(podKind(type)))), namespace);
        }
      }
    }
  }

  /** A Schedule's object: the field named after `spec.type` (`podChaos` for PodChaos). */
  private static void scheduled(List<ChaosSelection> out, String subject,
      Map<String, Object> spec, String namespace) {
    String type = podKind(ManifestDocuments.text(spec.get("type")));
    if (type != null) {
      podChaos(out, subject + " (" + type + ")", type,
          ManifestDocuments.map(spec.get(field(type))), namespace);
    }
  }

  private static void podChaos(List<ChaosSelection> out, String subject, String kind,
      Map<String, Object> spec, String namespace) {
    out.add(new ChaosSelection(subject,
        PodSelector.chaosMesh(subject, spec.get("selector"), namespace),
        SelectionMode.chaosMesh(subject, spec.get("mode"), spec.get("value"))));
    Map<String, Object> target = ManifestDocuments.map(spec.get("target"));
    if (kind.equals("NetworkChaos") && !target.isEmpty()) {
      String inner = subject + " (target)";
      out.add(new ChaosSelection(inner,
          PodSelector.chaosMesh(inner, target.get("selector"), namespace),
          SelectionMode.chaosMesh(inner, target.get("mode"), target.get("value"))));
    }
  }

  private static void litmus(List<ChaosSelection> out, String subject, Map<String, Object> spec,
      String namespace) {
    Map<String, Object> app = ManifestDocuments.map(spec.get("appinfo"));
    String appns = ManifestDocuments.text(app.get("appns"));
    String ns = appns.isEmpty() ? namespace : appns;
    String labels = ManifestDocuments.text(app.get("applabel"));
    String appkind = ManifestDocuments.text(app.get("appkind"));
    List<Object> experiments = list(spec.get("experiments"));
    if (experiments.isEmpty()) {
      out.add(new ChaosSelection(subject, PodSelector.litmus(ns, labels, List.of(), appkind),
          SelectionMode.litmus(subject, null)));
    }
    for (Object e : experiments) {
      Map<String, Object> experiment = ManifestDocuments.map(e);
      String inner = subject + ", experiment `"
          + ManifestDocuments.text(experiment.get("name")) + "`";
      Object percent = null;
      List<String> named = List.of();
      for (Object v : list(ManifestDocuments.at(experiment, "spec", "components", "env"))) {
        Map<String, Object> env = ManifestDocuments.map(v);
        String name = ManifestDocuments.text(env.get("name"));
        if (name.equals("PODS_AFFECTED_PERC")) {
          percent = env.get("value");
        } else if (name.equals("TARGET_PODS")) {
          named = names(ManifestDocuments.text(env.get("value")));
        }
      }
      out.add(new ChaosSelection(inner, PodSelector.litmus(ns, labels, named, appkind),
          SelectionMode.litmus(inner, percent)));
    }
  }

  private static void argo(List<ChaosSelection> out, String subject, String kind,
      Map<String, Object> spec, String namespace) {
    Map<String, Object> workflow = kind.equalsIgnoreCase("CronWorkflow")
        ? ManifestDocuments.map(spec.get("workflowSpec")) : spec;
    for (Object t : list(workflow.get("templates"))) {
      Map<String, Object> template = ManifestDocuments.map(t);
      Object manifest = ManifestDocuments.at(template, "resource", "manifest");
      String action = ManifestDocuments.text(ManifestDocuments.at(template, "resource",
          "action"));
      if (!(manifest instanceof String text) || text.contains("{{")
          || action.equals("delete") || action.equals("get")) {
        continue; // not literal, or not a creation: decided when the workflow runs
      }
      String inner = subject + ", template `" + ManifestDocuments.text(template.get("name"))
          + "`: ";
      for (ManifestDocuments.Doc d : ManifestDocuments.objects(text)) {
        for (ChaosSelection s : of(d, d.namespace().isEmpty() ? namespace : d.namespace())) {
          out.add(new ChaosSelection(inner + s.subject(), s.selector(), s.mode()));
        }
      }
    }
  }

  private static String podKind(String kind) {
    for (String k : POD_KINDS) {
      if (k.equalsIgnoreCase(kind)) {
        return k;
      }
    }
    return null;
  }

  /** The field an embedded object sits under: `podChaos`, `ioChaos`, `httpChaos`. */
  private static String field(String kind) {
    int upper = 0;
    while (upper < kind.length() && Character.isUpperCase(kind.charAt(upper))) {
      upper++;
    }
    // `IOChaos` -> `ioChaos`: every leading capital but the one starting the next word
    int lower = upper == 1 ? 1 : upper - 1;
    return kind.substring(0, lower).toLowerCase(Locale.ROOT) + kind.substring(lower);
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  private static List<String> names(String commaSeparated) {
    List<String> out = new ArrayList<>();
    for (String n : commaSeparated.split(",")) {
      if (!n.isBlank()) {
        out.add(n.trim());
      }
    }
    return out;
  }
}
