package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reports' impact lines come from what the runbook measured with `stdlib/impact.chaos`: a
 * memory stress past the gateway's limit shows its OOM kills and restarts, one within it shows
 * none, and a runbook that measures nothing says so rather than showing 0.
 */
@Timeout(120)
class ImpactReportTest {
  @TempDir
  Path dir;

  private Path rehearse(String name, String size, boolean measure) throws Exception {
    String runbook = """
        import "impact"

        runbook "%s" {
          environment staging
          blast_radius 100%%
          let gateway = k8s.selector("llm-marketplace", "app=graphql-gateway")
          let manifest = \"\"\"
            apiVersion: chaos-mesh.org/v1alpha1
            kind: StressChaos
            metadata: {name: memory, namespace: chaos-testing}
            spec:
              selector:
                namespaces: [llm-marketplace]
                labelSelectors: {app: graphql-gateway}
              mode: all
              stressors: {memory: {workers: 1, size: "%s"}}
              duration: 2m
            \"\"\"
          step "stress memory" {
            let before = impact.restarts(gateway)
            let applied = k8s.apply(manifest)
            wait 1m
            %s
          }
        }
        """.formatted(name, size,
            measure ? "impact.record_pods(gateway, restarts_before: before)" : "log \"done\"");
    Path file = dir.resolve(name + ".chaos");
    Files.writeString(file, runbook);
    Path run = dir.resolve("run-" + name);
    CliRunner.Result r = new CliRunner().run("exec", "--sandbox", file.toString(), "--journal",
        run.resolve("journal.jsonl").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    return run;
  }

  private static long figure(JsonNode impact, String name) {
    return Long.parseLong(impact.get(name).asString());
  }

  @Test
  void memoryPastTheLimitShowsItsOomKillsAndRestartsInEveryReport() throws Exception {
    Path run = rehearse("oom", "2GB", true);
    JsonNode impact = JsonMapper.builder().build()
        .readTree(Files.readString(run.resolve("report.json"))).get("impact");
    assertThat(figure(impact, "oom_kills")).isPositive();
    assertThat(figure(impact, "pod_restarts")).isPositive();
    assertThat(figure(impact, "evictions")).isZero();
    assertThat(impact.get("rpo").isNull()).isTrue();
    String md = Files.readString(run.resolve("report.md"));
    assertThat(md).containsPattern("- \\*\\*OOM kills\\*\\*: [1-9]\\d* \\(recorded as `oom_kills`")
        .contains("- **Evictions**: 0 (recorded as `evictions` by the runbook)")
        .contains("- **RPO (Recovery Point Objective)**: not measured by this runbook");
    assertThat(Files.readString(run.resolve("report.html"))).contains("OOM kills");
  }

  @Test
  void memoryWithinTheLimitShowsNone() throws Exception {
    String md = Files.readString(rehearse("fits", "100MB", true).resolve("report.md"));
    assertThat(md).contains("- **OOM kills**: 0 (recorded as `oom_kills` by the runbook)")
        .contains("- **Pod restarts**: 0 (recorded as `pod_restarts` by the runbook)");
  }

  @Test
  void aRunbookThatMeasuresNothingSaysSo() throws Exception {
    String md = Files.readString(rehearse("silent", "2GB", false).resolve("report.md"));
    assertThat(md).contains("- **OOM kills**: not measured by this runbook")
        .contains("- **Pod restarts**: not measured by this runbook")
        .doesNotContain("RTO measured by the runbook");
  }
}
