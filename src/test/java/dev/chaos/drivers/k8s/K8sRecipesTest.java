package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.ManifestDocuments.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.drivers.RecipeJournal;
import dev.chaos.spi.Undo;
import dev.chaos.spi.UndoRecipe;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every `k8s` call that registers an undo journals its recipe: written to a journal and read
 * back equal, rebuilt by {@link K8sRecipes#recover} as `chaos recover` does (the live closure
 * never ran: the runner died), it undoes the call, and running it again changes nothing.
 */
class K8sRecipesTest extends K8sLabTest {
  private static final String CREATED = """
      apiVersion: chaos-mesh.org/v1alpha1
      kind: PodChaos
      metadata:
        name: recipe-pod-kill
      spec:
        action: pod-kill
        mode: one
        selector:
          labelSelectors: {tier: backend}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        level: chaos
      """;

  private Undo rebuilt(K8sLab.Ctx context) throws Exception {
    UndoRecipe recipe = context.recipes.get(context.recipes.size() - 1);
    assertThat(recipe).isNotNull();
    UndoRecipe read = RecipeJournal.roundTrip(recipe);
    assertThat(read).isEqualTo(recipe);
    return K8sRecipes.recover(clients, read);
  }

  private Map<String, Object> get(String kind, String name) {
    return KubeObjects.get(lab.client, kind, null, lab.namespace, name);
  }

  @Test
  void applyJournalsWhatItCreatedAndChangedAndRecoveryPutsItBack() throws Exception {
    lab.create("configmap", Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "settings"), "data", Map.of("level", "calm")));
    K8sLab.Ctx context = new K8sLab.Ctx();
    impls.get("k8s.apply").call(args("manifest", Value.str(CREATED)), context);
    String uid = (String) at(get("podchaos", "recipe-pod-kill"), "metadata", "uid");
    UndoRecipe recipe = context.recipes.get(0);
    List<Map<String, Object>> objects = ApplyRecipe.objects(recipe).stream().map(w -> {
      Map<String, Object> o = new java.util.HashMap<>();
      o.put("apiVersion", w.apiVersion());
      o.put("kind", w.kind());
      o.put("namespace", w.namespace());
      o.put("name", w.name());
      o.put("uid", w.uid());
      o.put("previous", w.previous());
      return o;
    }).toList();
    assertThat(objects.get(0)).containsEntry("apiVersion", "chaos-mesh.org/v1alpha1")
        .containsEntry("kind", "PodChaos").containsEntry("namespace", lab.namespace)
        .containsEntry("name", "recipe-pod-kill").containsEntry("uid", uid)
        .containsEntry("previous", null);
    assertThat(at(objects.get(1), "previous", "data", "level")).isEqualTo("calm");
    assertThat(at(get("configmap", "settings"), "data", "level")).isEqualTo("chaos");

    Undo undo = rebuilt(context);
    K8sLab.Ctx recovering = new K8sLab.Ctx();
    undo.run(recovering);
    assertThat(get("podchaos", "recipe-pod-kill")).isNull();
    assertThat(at(get("configmap", "settings"), "data", "level")).isEqualTo("calm");
    assertThat(recovering.log).anyMatch(l -> l.startsWith("deleted podchaos/recipe-pod-kill"));

    K8sLab.Ctx twice = new K8sLab.Ctx();
    undo.run(twice);
    assertThat(twice.log).anyMatch(l -> l.contains("is already gone"));
    assertThat(at(get("configmap", "settings"), "data", "level")).isEqualTo("calm");
  }

  @Test
  void anObjectRecreatedUnderTheSameNameIsNotOursAndIsLeftAlone() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();
    impls.get("k8s.apply").call(args("manifest", Value.str(CREATED.substring(0,
        CREATED.indexOf("---")))), context);
    Undo undo = rebuilt(context);
    KubeObjects.delete(lab.client, "podchaos", lab.namespace, "recipe-pod-kill");
    lab.create("podchaos", Map.of("apiVersion", "chaos-mesh.org/v1alpha1", "kind", "PodChaos",
        "metadata", Map.of("name", "recipe-pod-kill"), "spec", Map.of("action", "pod-kill")));
    K8sLab.Ctx recovering = new K8sLab.Ctx();
    undo.run(recovering);
    assertThat(get("podchaos", "recipe-pod-kill")).isNotNull();
    assertThat(recovering.log).anyMatch(l -> l.contains("is another object now"));
  }

  @Test
  void scaleAndPatchAreRebuiltAndPutThePreviousValuesBack() throws Exception {
    lab.create("deployment", LiveK8sReadsTest.deployment("backend", 5, 5, 5, 5));
    lab.create("chaosengine", Map.of("apiVersion", "litmuschaos.io/v1alpha1",
        "kind", "ChaosEngine", "metadata", Map.of("name", "engine"),
        "spec", Map.of("engineState", "active")));
    K8sLab.Ctx context = new K8sLab.Ctx();
    impls.get("k8s.scale").call(args("kind", Value.str("deployment"), "name",
        Value.str("backend"), "replicas", Value.integer(2)), context);
    Undo scaleBack = rebuilt(context);
    impls.get("k8s.patch").call(args("kind", Value.str("chaosengine"), "name",
        Value.str("engine"), "patch", JsonTree.of(Map.of("spec", Map.of("engineState", "stop",
            "extra", "x")))), context);
    Undo unpatch = rebuilt(context);
    assertThat(context.recipes).extracting(UndoRecipe::name)
        .containsExactly("k8s.set_replicas", "k8s.restore_fields");

    for (int i = 0; i < 2; i++) {
      unpatch.run(new K8sLab.Ctx());
      scaleBack.run(new K8sLab.Ctx());
      assertThat(at(get("deployment", "backend"), "spec", "replicas")).isEqualTo(5);
      assertThat(at(get("chaosengine", "engine"), "spec"))
          .isEqualTo(Map.of("engineState", "active"));
    }
  }

  @Test
  void aRecipeThisBuildDoesNotKnowIsRefusedNamingIt() {
    assertThatThrownBy(() -> K8sRecipes.recover(clients,
        new UndoRecipe("k8s", "unheard_of", Map.of())))
        .hasMessage("no way to rebuild the inverse `k8s.unheard_of` in this build");
  }
}
