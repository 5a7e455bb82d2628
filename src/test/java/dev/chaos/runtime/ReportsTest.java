package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.check;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The journal, the Markdown report (the seed's template), the JSON report and JUnit XML. */
@Timeout(20)
class ReportsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String RUNBOOK = runbook("""
        title "Scale down"
        objective "The API survives losing replicas"
        owner "platform"
        blast_radius 30%
        precondition "healthy" { expect prometheus.scalar("e") < 0.01 }
        observe error_rate = percent(prometheus.scalar("e")) every 5s
        guard "error rate under 5%" every 5s { expect prometheus.scalar("e") < 0.05 }
        step "scale down" {
          let before = k8s.scale("deployment", "api", 1)
          record replicas_before = before
          log "scaled from ${before}"
          wait 20s
        }
        verify "under 2%" throughout { expect prometheus.scalar("e") < 0.02 }
        verify "still there" { expect true }
        recovery within 1m every 5s { expect prometheus.scalar("e") < 0.002 }
      """);

  private static RunResult run(Path journalFile, Fakes w) throws Exception {
    try (Journal journal = Journal.create(journalFile)) {
      return new RunEngine(check(RUNBOOK), w.backend, RunOptions.defaults(), journal).run();
    }
  }

  private static Fakes world() {
    return new Fakes().series(t -> {
      long s = t.toSeconds();
      return s < 5 ? 0.001 : s < 15 ? 0.03 : s < 30 ? 0.004 : 0.001;
    });
  }

  @Test
  void theJournalIsOneJsonObjectPerLineFromStartToFinish(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("runs/journal.jsonl");
    RunResult r = run(file, world());
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSizeGreaterThan(10);
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.get("time").asString()).startsWith("2025-01-06T03:");
      assertThat(node.get("event").asString()).isNotEmpty();
    }
    JsonNode header = JSON.readTree(lines.get(0));
    assertThat(header.get("event").asString()).isEqualTo("journal");
    assertThat(header.get("version").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(lines.get(1)).get("event").asString()).isEqualTo("run_started");
    JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(last.get("event").asString()).isEqualTo("run_finished");
    assertThat(last.get("outcome").asString()).isEqualTo(r.outcome().label());
    assertThat(lines).anyMatch(l -> l.contains("\"event\":\"undo_registered\""))
        .anyMatch(l -> l.contains("\"event\":\"sample\"") && l.contains("\"outcome\":\"false\""))
        .anyMatch(l -> l.contains("\"fn\":\"k8s.scale\"") && l.contains("\"replicas\":1"));
  }

  @Test
  void theMarkdownReportFollowsTheSeedTemplate(@TempDir Path dir) throws Exception {
    RunResult r = run(dir.resolve("journal.jsonl"), world());
    String md = MarkdownReport.render(r);
    assertThat(md).contains("# Chaos Experiment Report", "## Experiment Details",
        "- **Date/Time**: 2025-01-06T03:00:00Z", "- **Scenario**: Scale down",
        "- **Duration**: ", "- **Blast Radius**: 30%", "- **Environment**: staging",
        "## Hypothesis\n\nThe API survives losing replicas", "## Observations",
        "### System Behavior", "- error_rate: 0.1% → 3% → 0.1%", "- replicas_before: 3",
        "- Recovery time: ", "### Failures Detected", "### Successes",
        "## Improvement Actions", "| Priority | Action Item | Owner | Due Date |",
        "## Metrics", "- **RTO (Recovery Time Objective)**: ", "(Target: 1m)",
        "- **MTTR (Mean Time To Recovery)**", "- **Blast Radius Actual**: 1 mutation",
        "`k8s.scale(kind: deployment, name: api, replicas: 1)`", "## Conclusion");
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(md).contains("verify \"under 2%\" (throughout) did not hold")
        .contains("| P1 | Meet verify \"under 2%\" throughout");
  }

  @Test
  void theJsonReportHasTheSameFacts(@TempDir Path dir) throws Exception {
    RunResult r = run(dir.resolve("journal.jsonl"), world());
    JsonNode json = JSON.readTree(JsonReport.render(r));
    assertThat(json.get("outcome").asString()).isEqualTo("failed");
    assertThat(json.get("runbook").get("title").asString()).isEqualTo("Scale down");
    assertThat(json.get("observes").get(0).get("peak").asString()).isEqualTo("3%");
    assertThat(json.get("throughout").get(0).get("false").asInt()).isGreaterThan(0);
    assertThat(json.get("undo").get(0).get("status").asString()).isEqualTo("done");
    assertThat(json.get("records").get("replicas_before").asString()).isEqualTo("3");
  }

  @Test
  void junitHasOneCasePerCheckAndTellsFalseFromError(@TempDir Path dir) throws Exception {
    RunResult r = run(dir.resolve("journal.jsonl"), world());
    String xml = JunitReport.render(r);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    var cases = doc.getElementsByTagName("testcase");
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      names.add(cases.item(i).getAttributes().getNamedItem("name").getNodeValue());
    }
    assertThat(names).containsExactly("precondition: healthy", "step: scale down",
        "guard: error rate under 5%", "verify: under 2%", "verify: still there",
        "undo: scale down: scale api back to 3 (inverse of k8s.scale)",
        "recovery: recovery within 1m");
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(Map.of("errors", doc.getDocumentElement().getAttribute("errors")))
        .containsEntry("errors", "0");
  }

  @Test
  void junitCountsAFailedStepAsAFailureAndItsUndoAsACase(@TempDir Path dir) throws Exception {
    String failingStep = runbook("""
          step "scale down" {
            k8s.scale("deployment", "api", 1)
            expect false else "the API lost its replicas"
          }
        """);
    RunResult r;
    try (Journal journal = Journal.create(dir.resolve("journal.jsonl"))) {
      r = new RunEngine(check(failingStep), world().backend, RunOptions.defaults(), journal).run();
    }
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(JunitReport.render(r).getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    var failure = doc.getElementsByTagName("failure").item(0);
    assertThat(failure.getParentNode().getAttributes().getNamedItem("name").getNodeValue())
        .isEqualTo("step: scale down");
    assertThat(failure.getAttributes().getNamedItem("message").getNodeValue())
        .contains("the API lost its replicas");
    assertThat(doc.getElementsByTagName("testcase").item(1).getAttributes()
        .getNamedItem("name").getNodeValue()).startsWith("undo: scale down: ");
  }
}
