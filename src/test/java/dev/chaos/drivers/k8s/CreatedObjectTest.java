package dev.chaos.drivers.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.kube.Kind;
import dev.chaos.drivers.kube.Kinds;
import dev.chaos.lab.LabKubeServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CreatedObject#delete} against the lab's API run in-process (the same dispatcher as
 * `scripts/lab`, which answers 404 for a resource it does not serve): it deletes exactly the
 * object that was created, by group, version, kind, namespace, name and uid.
 */
class CreatedObjectTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static KubernetesMockServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    server = LabKubeServer.startInProcess(Set.of("chaos-mesh.org/v1alpha1/jvmchaos"));
    client = K8sLab.connect("http://127.0.0.1:" + server.getPort(), "chaos-testing");
  }

  @AfterAll
  static void stop() {
    client.close();
    server.destroy();
  }

  static Stream<Kind> chaosMeshKinds() {
    return Kinds.all().stream().filter(k -> k.group().equals(Kinds.CHAOS_MESH)
        && !k.kind().equals("JVMChaos"));
  }

  private CreatedObject create(String apiVersion, String kind, String name) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("apiVersion", apiVersion);
    tree.put("kind", kind);
    tree.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
    tree.put("spec", Map.of("written", "by CreatedObjectTest"));
    Map<String, Object> created = KubeObjects.create(client, kind, apiVersion, "chaos-testing",
        tree);
    boolean namespaced = K8sKinds.namespaced(kind, apiVersion);
    CreatedObject object = CreatedObject.of(created, namespaced ? "chaos-testing" : "");
    assertThat(object.uid()).isNotEmpty();
    return object;
  }

  private Map<String, Object> get(CreatedObject o) {
    return KubeObjects.get(client, o.kind(), o.apiVersion(), o.namespace(), o.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chaosMeshKinds")
  void everyChaosMeshKindIsDeletedAndGone(Kind kind) throws Exception {
    CreatedObject object = create(kind.apiVersion(), kind.kind(), "undo-" + kind.name());
    assertThat(object.namespace()).isEqualTo(kind.namespaced() ? "chaos-testing" : "");

    assertThat(CreatedObject.delete(client, object, WAIT)).isEqualTo(CreatedObject.Outcome.DELETED);

    assertThat(get(object)).isNull();
    assertThat(CreatedObject.delete(client, object, WAIT))
        .isEqualTo(CreatedObject.Outcome.ALREADY_GONE);
  }

  @Test
  void theChaosMeshWorkflowIsNotTakenForArgosOfTheSameName() throws Exception {
    CreatedObject argo = create("argoproj.io/v1alpha1", "Workflow", "same-name");
    CreatedObject mesh = create("chaos-mesh.org/v1alpha1", "Workflow", "same-name");
    assertThat(mesh.ref()).isEqualTo("workflow.chaos-mesh.org/same-name");
    assertThat(argo.ref()).isEqualTo("workflow/same-name");

    assertThat(CreatedObject.delete(client, mesh, WAIT)).isEqualTo(CreatedObject.Outcome.DELETED);

    assertThat(get(mesh)).isNull();
    assertThat(get(argo)).isNotNull();
  }

  @Test
  void anObjectRecreatedUnderTheSameNameIsNotOursAndStays() throws Exception {
    CreatedObject ours = create("chaos-mesh.org/v1alpha1", "PodChaos", "recreated");
    KubeObjects.delete(client, "podchaos", "chaos-testing", "recreated");
    CreatedObject theirs = create("chaos-mesh.org/v1alpha1", "PodChaos", "recreated");
    assertThat(theirs.uid()).isNotEqualTo(ours.uid());

    assertThat(CreatedObject.delete(client, ours, WAIT)).isEqualTo(CreatedObject.Outcome.REPLACED);

    assertThat(get(theirs)).isNotNull();
  }

  @Test
  void aResourceTheApiDoesNotServeIsNotTakenForGone() {
    CreatedObject object = create("chaos-mesh.org/v1alpha1", "JVMChaos", "orphan");

    assertThatThrownBy(() -> CreatedObject.delete(client, object, WAIT))
        .isInstanceOf(CreatedObject.Remains.class)
        .hasMessage("the API does not serve chaos-mesh.org/v1alpha1 `JVMChaos`, so"
            + " jvmchaos/orphan in namespace chaos-testing (uid " + object.uid() + ") cannot"
            + " be deleted or seen to be gone: it may remain");
  }

  @Test
  void anUnlistedKindTheApiDoesNotServeIsNamedToo() {
    CreatedObject object = new CreatedObject("example.com/v1", "Gadget", "chaos-testing", "g",
        "1234");

    assertThatThrownBy(() -> CreatedObject.delete(client, object, WAIT))
        .isInstanceOf(CreatedObject.Remains.class)
        .hasMessageStartingWith("the API does not serve example.com/v1 `Gadget`, so gadget/g in"
            + " namespace chaos-testing (uid 1234)");
  }
}
