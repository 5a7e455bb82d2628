package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.lab.LabKubeServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose undo meets an API that no longer serves the object's resource (its CRD went away
 * while the object existed; the lab's API run in-process, which withdraws `jvmchaos` once one
 * is created): the undo fails, and the run exits 5 naming what may remain, instead of taking
 * the 404 for "done".
 */
@Timeout(300)
class UnservedUndoTest {
  @TempDir
  Path dir;

  @Test
  void anUndoAgainstAResourceTheApiDoesNotServeExits5AndNamesWhatRemains() throws Exception {
    KubernetesMockServer server = LabKubeServer.startInProcess(
        Set.of("chaos-mesh.org/v1alpha1/jvmchaos"));
    try {
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n"
          + "  cluster: {server: 'http://127.0.0.1:" + server.getPort() + "'}\ncontexts:\n"
          + "- name: lab\n  context: {cluster: lab, user: lab}\ncurrent-context: lab\nusers:\n"
          + "- name: lab\n  user: {}\n");
      Path config = dir.resolve("chaos.yaml");
      Files.writeString(config, "environments:\n  dev:\n    class: dev\n    kubernetes:\n"
          + "      context: lab\n      kubeconfig: " + kubeconfig + "\n");
      Path runbook = dir.resolve("orphan.chaos");
      Files.writeString(runbook, LabChaosMeshKindsTest.runbook("orphan", """
          apiVersion: chaos-mesh.org/v1alpha1
          kind: JVMChaos
          metadata: {name: orphan, namespace: chaos-testing}
          spec: {action: latency, mode: one, class: Main, method: run, latency: 100, port: 9277,
            selector: {namespaces: [chaos-testing], labelSelectors: {app: none}}}
          """));

      CliRunner.Result r = new CliRunner().run("exec", "--config", config.toString(),
          "--journal", dir.resolve("run/journal.jsonl").toString(), runbook.toString());

      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(5);
      assertThat(r.out() + r.err()).contains("the API does not serve chaos-mesh.org/v1alpha1"
          + " `JVMChaos`, so jvmchaos/orphan in namespace chaos-testing (uid ",
          "it may remain").doesNotContain("undo done");
    } finally {
      server.destroy();
    }
  }
}
