package dev.chaos.ci;

import static dev.chaos.ci.CiFiles.list;
import static dev.chaos.ci.CiFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The GitLab pipeline under ci/gitlab/ has the structure GitLab requires (each job a `script`
 * and a `stage` among `stages`; `needs` name jobs), and each report it declares is a file one of
 * its commands writes. No runner here: `gitlab-ci-lint` needs a GitLab server.
 */
class GitlabPipelineTest {
  @Test
  void everyJobHasAScriptAndAStageOfTheStages() throws Exception {
    Map<String, Object> pipeline = CiFiles.read(CiFiles.GITLAB);
    List<Object> stages = list(pipeline.get("stages"), "stages");
    Map<String, Map<String, Object>> jobs = CiFiles.gitlabJobs(pipeline);
    assertThat(jobs).containsKeys("chaos:build", "chaos:check", "chaos:codequality", "chaos:gameday");
    jobs.forEach((name, job) -> {
      assertThat(job.get("script")).as(name + ".script").isInstanceOf(List.class);
      assertThat(stages).as(name + ".stage").contains(job.get("stage"));
      Object needs = job.get("needs");
      if (needs != null) {
        for (Object need : list(needs, name + ".needs")) {
          Object needed = need instanceof Map<?, ?> m ? m.get("job") : need;
          assertThat(jobs).as(name + " needs " + needed).containsKey(needed.toString());
          // a job may only need a job of an earlier stage or its own
          assertThat(stages.indexOf(jobs.get(needed.toString()).get("stage")))
              .isLessThanOrEqualTo(stages.indexOf(job.get("stage")));
        }
      }
    });
  }

  @Test
  void everyReportIsAFileTheJobWrites() throws Exception {
    Map<String, Map<String, Object>> jobs = CiFiles.gitlabJobs(CiFiles.read(CiFiles.GITLAB));
    int reports = 0;
    for (var entry : jobs.entrySet()) {
      Map<String, Object> job = entry.getValue();
      if (job.get("artifacts") == null || map(job.get("artifacts"), "artifacts").get("reports") == null) {
        continue;
      }
      Map<String, Object> artifacts = map(job.get("artifacts"), entry.getKey() + ".artifacts");
      assertThat(artifacts.get("when")).as(entry.getKey() + ": reports kept on failure").isEqualTo("always");
      Map<String, Object> variables = job.get("variables") == null ? Map.of()
          : map(job.get("variables"), "variables");
      String scripts = String.join("\n", CiFiles.gitlabScripts(job));
      for (var report : map(artifacts.get("reports"), "reports").entrySet()) {
        String glob = report.getValue().toString();
        assertThat(written(scripts, variables)).as(entry.getKey() + ": " + report.getKey() + " " + glob)
            .anyMatch(path -> FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path)));
        reports++;
      }
    }
    assertThat(reports).as("junit (check), codequality, junit and dotenv (gameday)").isEqualTo(4);
  }

  @Test
  void theGamedayKeepsTheRunFolderAndAPreconditionThatFailedOnlyWarns() throws Exception {
    Map<String, Object> gameday = CiFiles.gitlabJobs(CiFiles.read(CiFiles.GITLAB)).get("chaos:gameday");
    Map<String, Object> artifacts = map(gameday.get("artifacts"), "artifacts");
    assertThat(list(artifacts.get("paths"), "paths")).containsExactly("chaos-runs/");
    assertThat(map(gameday.get("variables"), "variables").get("RUN_DIR").toString()).startsWith("chaos-runs/");
    assertThat(list(map(gameday.get("allow_failure"), "allow_failure").get("exit_codes"), "exit_codes"))
        .containsExactly(3);
  }

  /** The files the commands of {@code scripts} write: `-o`/`--output`, `--junit`, a redirection or the outcome file. */
  private static List<String> written(String scripts, Map<String, Object> variables) {
    java.util.List<String> files = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?:-o|--output|--junit|>)\\s+\"?([^\"\\s]+)\"?").matcher(scripts);
    while (m.find()) {
      files.add(m.group(1));
    }
    if (variables.containsKey("CHAOS_OUTCOME_FILE") && scripts.contains("chaos-outcome.sh")) {
      files.add(variables.get("CHAOS_OUTCOME_FILE").toString());
    }
    return files.stream().map(f -> expand(f, variables)).toList();
  }

  private static String expand(String path, Map<String, Object> variables) {
    String expanded = path;
    for (var v : variables.entrySet()) {
      expanded = expanded.replace("$" + v.getKey(), v.getValue().toString());
    }
    return expanded;
  }
}
