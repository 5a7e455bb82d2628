package dev.chaos.ci;

import static dev.chaos.ci.CiFiles.list;
import static dev.chaos.ci.CiFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The GitHub Actions workflows under ci/github/ have the structure GitHub requires (triggers,
 * jobs with `runs-on` and `steps`, each step exactly one of `uses` and `run`), and do what
 * docs/ci.md says of them. No runner here: this is as far as GitHub's own checks go offline.
 */
class GithubWorkflowsTest {
  @Test
  void everyWorkflowHasTriggersAndJobsWhoseStepsEachUseOrRun() throws Exception {
    List<Path> workflows = CiFiles.yamlFiles().stream()
        .filter(f -> f.startsWith(CiFiles.CI.resolve("github"))).toList();
    assertThat(workflows).contains(CiFiles.GITHUB_CHECK, CiFiles.GITHUB_GAMEDAY);
    for (Path file : workflows) {
      Map<String, Object> workflow = CiFiles.read(file);
      assertThat(workflow.get("name")).as(file + ": name").isInstanceOf(String.class);
      assertThat(CiFiles.githubTriggers(workflow)).as(file + ": on").isInstanceOf(Map.class);
      Map<String, Object> jobs = map(workflow.get("jobs"), file + ": jobs");
      assertThat(jobs).as(file + ": jobs").isNotEmpty();
      jobs.forEach((name, node) -> {
        Map<String, Object> job = map(node, file + ": job " + name);
        assertThat(job.get("runs-on")).as(file + ": " + name + ".runs-on").isNotNull();
        List<Object> steps = list(job.get("steps"), file + ": " + name + ".steps");
        assertThat(steps).isNotEmpty();
        for (Object s : steps) {
          Map<String, Object> step = map(s, file + ": a step of " + name);
          assertThat(step.containsKey("uses") ^ step.containsKey("run"))
              .as(file + ": exactly one of uses and run in " + step).isTrue();
          if (step.containsKey("uses")) {
            // an action is pinned to a version, never a moving branch
            assertThat(step.get("uses").toString()).as(file + ": " + step).matches("[\\w.-]+/[\\w./-]+@v?\\d[\\w.]*");
          }
        }
      });
    }
  }

  @Test
  void pullRequestsUploadSarifWithTheRightToAndAnnotateTheirLines() throws Exception {
    Map<String, Object> workflow = CiFiles.read(CiFiles.GITHUB_CHECK);
    assertThat(map(CiFiles.githubTriggers(workflow), "on")).containsKey("pull_request");
    Map<String, Object> job = map(map(workflow.get("jobs"), "jobs").get("check"), "check");
    assertThat(map(job.get("permissions"), "permissions")).containsEntry("security-events", "write");
    List<Map<String, Object>> steps = steps(job);
    Map<String, Object> upload = steps.stream()
        .filter(s -> String.valueOf(s.get("uses")).startsWith("github/codeql-action/upload-sarif@"))
        .findFirst().orElseThrow(() -> new AssertionError("no upload-sarif step"));
    String sarif = map(upload.get("with"), "with").get("sarif_file").toString();
    List<String> runs = CiFiles.githubScripts(workflow);
    assertThat(runs).anyMatch(r -> r.contains("check --format sarif -o " + sarif + " runbooks/"));
    assertThat(runs).anyMatch(r -> r.contains("check --format github runbooks/"));
    // a check that found problems still uploads its report
    assertThat(upload.get("if").toString()).contains("always()");
  }

  @Test
  void theGamedayKeepsItsReportsWhateverTheOutcomeAndNamesIt() throws Exception {
    Map<String, Object> workflow = CiFiles.read(CiFiles.GITHUB_GAMEDAY);
    assertThat(map(CiFiles.githubTriggers(workflow), "on")).containsKeys("workflow_dispatch", "workflow_run");
    Map<String, Object> job = map(map(workflow.get("jobs"), "jobs").get("gameday"), "gameday");
    List<Map<String, Object>> steps = steps(job);
    Map<String, Object> exec = steps.stream().filter(s -> "exec".equals(s.get("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no step with id exec"));
    assertThat(exec.get("run").toString()).contains("chaos-outcome.sh exec ", "--journal \"$RUN_DIR/",
        "--junit \"$RUN_DIR/junit.xml\"");
    Map<String, Object> artifact = steps.stream()
        .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/upload-artifact@"))
        .findFirst().orElseThrow(() -> new AssertionError("no upload-artifact step"));
    assertThat(artifact.get("if")).isEqualTo("always()");
    assertThat(map(artifact.get("with"), "with").get("path")).isEqualTo("${{ env.RUN_DIR }}");
    List<String> conditions = new ArrayList<>();
    steps.forEach(s -> conditions.add(String.valueOf(s.get("if"))));
    assertThat(conditions).anyMatch(c -> c.contains("steps.exec.outputs.outcome == 'undo_failed'"));
    String says = steps.stream().filter(s -> "Say how the run ended".equals(s.get("name")))
        .findFirst().orElseThrow().get("run").toString();
    for (String outcome : List.of("ok", "hypothesis_failed", "refused", "precondition_failed",
        "aborted", "undo_failed", "not_recovered", "interrupted")) {
      assertThat(says).as("the outcome " + outcome + " is told").containsPattern("\\b" + outcome + "\\)");
    }
  }

  private static List<Map<String, Object>> steps(Map<String, Object> job) {
    return list(job.get("steps"), "steps").stream().map(s -> map(s, "step")).toList();
  }
}
