package dev.chaos.drivers.argo;

import static dev.chaos.drivers.k8s.K8sLab.args;
import static dev.chaos.drivers.ManifestDocuments.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.RecipeJournal;
import dev.chaos.drivers.k8s.K8sLab;
import dev.chaos.drivers.k8s.K8sLabTest;
import dev.chaos.drivers.k8s.KubeObjects;
import dev.chaos.spi.Undo;
import dev.chaos.spi.UndoRecipe;
import dev.chaos.types.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * `argo.submit` journals its recipe with the generated name once the workflow exists; rebuilt
 * after the runner died, it terminates the workflow while it runs, and does nothing more when
 * run again.
 */
class ArgoRecipeTest extends K8sLabTest {
  private static final String WORKFLOW = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: recipe-
      spec:
        entrypoint: main
      """;

  @Test
  void submitIsRebuiltWithItsGeneratedNameAndTerminatesTheWorkflow() throws Exception {
    K8sLab.Ctx context = new K8sLab.Ctx();
    String name = ((Value.Str) impls.get("argo.submit").call(args("manifest",
        Value.str(WORKFLOW)), context)).value();
    UndoRecipe recipe = context.recipes.get(0);
    assertThat(recipe.name()).isEqualTo("argo.terminate");
    assertThat(recipe.args()).containsEntry("name", name).containsEntry("generateName",
        "recipe-").containsEntry("namespace", lab.namespace);
    KubeObjects.mergePatch(lab.client, "workflow", null, lab.namespace, name,
        Map.of("status", Map.of("phase", "Running")));

    Undo undo = LiveArgoBindings.recover(clients, RecipeJournal.roundTrip(recipe));
    undo.run(new K8sLab.Ctx());
    Map<String, Object> wf = KubeObjects.get(lab.client, "workflow", null, lab.namespace, name);
    assertThat(at(wf, "spec", "shutdown")).isEqualTo("Terminate");

    K8sLab.Ctx twice = new K8sLab.Ctx();
    undo.run(twice);
    assertThat(twice.log).anyMatch(l -> l.contains("is already"));
  }
}
