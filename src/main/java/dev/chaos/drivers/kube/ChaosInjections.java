package dev.chaos.drivers.kube;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosInjection.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what a chaos object does ({@link ChaosInjection}), as Chaos Mesh 2.x reads it
 * (api/v1alpha1 and its webhooks): every kind that acts on pods (PodChaos, NetworkChaos,
 * StressChaos, IOChaos, HTTPChaos, DNSChaos, TimeChaos, KernelChaos, JVMChaos, BlockChaos), those
 * that act elsewhere (PhysicalMachineChaos, AWSChaos, GCPChaos, AzureChaos), a Schedule (its
 * embedded chaos at its schedule) and a Workflow (the chaos of the templates its entry reaches,
 * each at its offset); and a Litmus ChaosEngine (its experiments). A selector without
 * `namespaces` selects in the object's own namespace, as Chaos Mesh defaults it.
 *
 * <p>A field Chaos Mesh would refuse (an unknown action, a latency that is no Go duration, a
 * percentage above 100, workers below 1) is refused here, naming the object and the field. Other
 * objects (a Deployment, a StatusCheck, the per-pod PodNetworkChaos Chaos Mesh writes itself)
 * choose no pods: the list is empty.
 *
 * <p>One kind is read by {@link ChaosKindReader}, a Schedule and a Workflow by
 * {@link ChaosWorkflows}, a ChaosEngine by {@link LitmusInjections}.
 */
public final class ChaosInjections {
  private ChaosInjections() {}

  /** The kinds that select pods, by their field name in a Schedule or Workflow template. */
  static final List<String> KINDS = List.of("PodChaos", "NetworkChaos", "StressChaos",
      "IOChaos", "HTTPChaos", "TimeChaos", "DNSChaos", "JVMChaos", "KernelChaos", "BlockChaos",
      "PhysicalMachineChaos", "AWSChaos", "GCPChaos", "AzureChaos");

  /** Every injection of a whole manifest; objects without a namespace land in {@code namespace}. */
  public static List<ChaosInjection> of(String manifest, String namespace) {
    List<ChaosInjection> out = new ArrayList<>();
    for (ManifestDocuments.Doc d : ManifestDocuments.objects(manifest)) {
      out.addAll(of(d, d.namespace().isEmpty() ? namespace : d.namespace()));
    }
    return out;
  }

  /**
   * The injections of one object; {@code namespace} is the namespace it lands in.
   *
   * @throws IllegalArgumentException naming the object and the field that is refused
   */
  public static List<ChaosInjection> of(ManifestDocuments.Doc doc, String namespace) {
    String group = Kinds.groupOf(doc.apiVersion());
    String kind = doc.kind();
    String subject = kind + " `" + doc.shownName() + "`";
    Map<String, Object> spec = ManifestDocuments.map(doc.tree().get("spec"));
    List<ChaosInjection> out = new ArrayList<>();
    if (group.equals(Kinds.CHAOS_MESH)) {
      String known = known(kind);
      if (known != null) {
        out.add(ChaosKindReader.read(subject, known, spec, namespace, Timing.NOW, null));
      } else if (kind.equalsIgnoreCase("Schedule")) {
        ChaosWorkflows.schedule(out, subject, spec, namespace, Timing.NOW, null);
      } else if (kind.equalsIgnoreCase("Workflow")) {
        ChaosWorkflows.workflow(out, subject, spec, namespace, Timing.NOW);
      }
      // PodHttpChaos, PodIOChaos, PodNetworkChaos: the per-pod objects Chaos Mesh writes for
      // the chaos it runs; applied by hand they act on nothing a selector chooses
    } else if (group.equals("litmuschaos.io") && kind.equalsIgnoreCase("ChaosEngine")) {
      LitmusInjections.read(out, doc, spec, namespace);
    }
    return out;
  }

  /** The kind as Chaos Mesh spells it, whatever its case; null if none of {@link #KINDS}. */
  static String known(String kind) {
    for (String k : KINDS) {
      if (k.equalsIgnoreCase(kind)) {
        return k;
      }
    }
    return null;
  }

  /** The field an embedded object sits under: `podChaos`, `ioChaos`, `httpChaos`. */
  static String field(String kind) {
    if (kind.equals("PhysicalMachineChaos")) {
      return "physicalmachineChaos";
    }
    int upper = 0;
    while (upper < kind.length() && Character.isUpperCase(kind.charAt(upper))) {
      upper++;
    }
    int lower = upper == 1 ? 1 : upper - 1;
    return kind.substring(0, lower).toLowerCase(Locale.ROOT) + kind.substring(lower);
  }
}
