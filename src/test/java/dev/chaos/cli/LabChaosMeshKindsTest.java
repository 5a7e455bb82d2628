package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.kube.Kind;
import dev.chaos.drivers.kube.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Chaos Mesh kind, applied by a runbook (`chaos exec --config target/lab/chaos.yaml`)
 * against the lab's API, is gone after the run: `k8s.apply`'s inverse deletes exactly what it
 * created. The manifests are small ones of our own, one per kind.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
@EnabledIfEnvironmentVariable(named = "LAB_KUBECONFIG", matches = ".+")
@Timeout(600)
class LabChaosMeshKindsTest {
  private static final String NS = "chaos-testing";
  private static KubernetesClient client;

  @TempDir
  Path dir;

  @BeforeAll
  static void connect() throws Exception {
    Config config = Config.fromKubeconfig("lab", Files.readString(
        Path.of(System.getenv("LAB_KUBECONFIG"))), null);
    config.setRequestTimeout(5_000);
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  /** A spec per kind, enough to say what it would do; a selector that picks no pod. */
  private static final Map<String, String> SPECS = Map.ofEntries(
      Map.entry("PodChaos", "action: pod-failure\nmode: one\nduration: 30s\n" + selector()),
      Map.entry("NetworkChaos", "action: delay\nmode: one\ndelay: {latency: 10ms}\n" + selector()),
      Map.entry("StressChaos", "mode: one\nstressors: {cpu: {workers: 1, load: 10}}\n"
          + selector()),
      Map.entry("IOChaos", "action: latency\nmode: one\nvolumePath: /data\ndelay: 5ms\n"
          + selector()),
      Map.entry("HTTPChaos", "mode: one\ntarget: Request\nport: 8080\ndelay: 5ms\n" + selector()),
      Map.entry("TimeChaos", "mode: one\ntimeOffset: -1h\n" + selector()),
      Map.entry("DNSChaos", "action: error\nmode: one\npatterns: [example.org]\n" + selector()),
      Map.entry("JVMChaos", "action: latency\nmode: one\nclass: Main\nmethod: run\n"
          + "latency: 100\nport: 9277\n" + selector()),
      Map.entry("KernelChaos", "mode: one\nfailKernRequest: {callchain: [{funcname: __x64_sys_mount}],"
          + " failtype: 0}\n" + selector()),
      Map.entry("BlockChaos", "action: delay\nmode: one\nvolumeName: data\ndelay: {latency: 5ms}\n"
          + selector()),
      Map.entry("PhysicalMachineChaos", "action: stress-cpu\nmode: one\naddress: ["
          + "\"http://127.0.0.1:31767\"]\nstress-cpu: {workers: 1, load: 10}\n"),
      Map.entry("PhysicalMachine", "address: http://127.0.0.1:31767\n"),
      Map.entry("AWSChaos", "action: ec2-stop\nsecretName: aws-none\nawsRegion: eu-west-1\n"
          + "ec2Instance: i-0000\n"),
      Map.entry("GCPChaos", "action: node-stop\nsecretName: gcp-none\nproject: none\n"
          + "zone: europe-west1-b\ninstance: none\n"),
      Map.entry("AzureChaos", "action: vm-stop\nsecretName: azure-none\nsubscriptionID: none\n"
          + "resourceGroupName: none\nvmName: none\n"),
      Map.entry("PodHttpChaos", "rules: []\n"),
      Map.entry("PodIOChaos", "volumeMountPath: /data\nactions: []\n"),
      Map.entry("PodNetworkChaos", "ipsets: []\niptables: []\ntcs: []\n"),
      Map.entry("Schedule", "schedule: '@every 1h'\ntype: PodChaos\nhistoryLimit: 1\n"
          + "concurrencyPolicy: Forbid\npodChaos:\n  action: pod-kill\n  mode: one\n"
          + "  selector: {namespaces: [chaos-testing], labelSelectors: {chaos-kinds: none}}\n"),
      Map.entry("Workflow", "entry: main\ntemplates:\n- {name: main, templateType: Suspend,"
          + " deadline: 10s}\n"),
      Map.entry("WorkflowNode", "workflowName: none\ntemplateName: main\ntype: Suspend\n"
          + "startTime: '2026-01-01T00:00:00Z'\n"),
      Map.entry("StatusCheck", "mode: Synchronous\ntype: HTTP\nhttp: {url: 'http://127.0.0.1:1/'}\n"),
      Map.entry("RemoteCluster", "namespace: chaos-mesh\nversion: 2.7.0\n"
          + "kubeConfig: {secretRef: {name: none, namespace: chaos-mesh, key: kubeconfig}}\n"));

  private static String selector() {
    return "selector: {namespaces: [chaos-testing], labelSelectors: {chaos-kinds: none}}\n";
  }

  static Stream<Kind> chaosMeshKinds() {
    return Kinds.all().stream().filter(k -> k.group().equals(Kinds.CHAOS_MESH));
  }

  @Test
  void everyChaosMeshKindHasAManifestHere() {
    assertThat(SPECS.keySet()).containsExactlyInAnyOrderElementsOf(
        chaosMeshKinds().map(Kind::kind).toList());
  }

  /** The manifest of {@code kind} named {@code name}, as a runbook's text block holds it. */
  static String manifest(Kind kind, String name) {
    StringBuilder out = new StringBuilder("apiVersion: " + kind.apiVersion() + "\nkind: "
        + kind.kind() + "\nmetadata:\n  name: " + name + "\n"
        + (kind.namespaced() ? "  namespace: " + NS + "\n" : "") + "spec:\n");
    for (String line : SPECS.get(kind.kind()).split("\n")) {
      out.append("  ").append(line).append('\n');
    }
    return out.toString();
  }

  /** A runbook applying {@code manifest} in one step. */
  static String runbook(String name, String manifest) {
    StringBuilder out = new StringBuilder("runbook \"" + name + "\" {\n  environment dev\n"
        + "  blast_radius 100%\n  let manifest = \"\"\"\n");
    for (String line : manifest.split("\n")) {
      out.append("    ").append(line).append('\n');
    }
    return out.append("    \"\"\"\n  step \"apply\" {\n    let applied = k8s.apply(manifest)\n"
        + "    log \"applied ${applied}\"\n  }\n}\n").toString();
  }

  private CliRunner.Result exec(String name, String runbook) throws Exception {
    Path file = dir.resolve(name + ".chaos");
    Files.writeString(file, runbook);
    return new CliRunner().run("exec", "--config", System.getenv("LAB_CHAOS_CONFIG"),
        "--journal", dir.resolve(name + "/journal.jsonl").toString(), file.toString());
  }

  private static GenericKubernetesResource get(Kind kind, String name) {
    var op = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup(kind.group()).withVersion(kind.version()).withKind(kind.kind())
        .withPlural(kind.plural()).withNamespaced(kind.namespaced()).build());
    return (kind.namespaced() ? op.inNamespace(NS) : op).withName(name).get();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chaosMeshKinds")
  void appliedByARunbookAndGoneAfterTheRun(Kind kind) throws Exception {
    String name = "kinds-" + kind.name();

    CliRunner.Result r = exec(name, runbook(name, manifest(kind, name)));

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("applied [" + Kinds.ref(kind.kind(), kind.apiVersion(), name)
        + "]", "delete " + Kinds.ref(kind.kind(), kind.apiVersion(), name));
    assertThat(get(kind, name)).as(kind.kind() + " " + name + " after the run").isNull();
  }

  /**
   * An Argo Workflow and a Chaos Mesh Workflow of one name in one namespace: the run that
   * applied the Chaos Mesh one removes that one only.
   */
  @Test
  void theChaosMeshWorkflowIsUndoneAndTheArgoWorkflowOfTheSameNameStays() throws Exception {
    Kind argo = Kinds.require("workflow");
    Kind mesh = Kinds.require("workflow.chaos-mesh.org");
    String name = "kinds-twin";
    GenericKubernetesResource argoWorkflow = Serialization.unmarshal("{\"apiVersion\":"
        + "\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"" + NS + "\"},\"spec\":{\"entrypoint\":\"main\"}}",
        GenericKubernetesResource.class);
    client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow").inNamespace(NS)
        .resource(argoWorkflow).create();
    try {
      CliRunner.Result r = exec(name, runbook(name, manifest(mesh, name)));

      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("workflow.chaos-mesh.org/" + name);
      assertThat(get(mesh, name)).isNull();
      assertThat(get(argo, name)).isNotNull();
    } finally {
      client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow").inNamespace(NS)
          .withName(name).delete();
    }
  }
}
