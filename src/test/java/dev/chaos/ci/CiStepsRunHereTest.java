package dev.chaos.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The CI files' steps run here as scripts: each `chaos` command the files hold, taken from them
 * (not copied), runs through ci/chaos-outcome.sh in a copy of this repository's layout, with
 * the same options and the environment its step gives it. The gameday's `chaos exec` runs in
 * the sandbox: `--config FILE` becomes `--sandbox`, everything else stays. Each outcome the
 * pipelines tell apart is reached: ok, check_failed, refused, hypothesis_failed, not_recovered.
 */
@Timeout(600)
class CiStepsRunHereTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path work;

  private ChaosProcess chaos;

  @BeforeEach
  void copyTheRunbooks() throws IOException {
    Path runbooks = CiFiles.ROOT.resolve("runbooks");
    try (Stream<Path> files = Files.walk(runbooks)) {
      for (Path file : files.toList()) {
        Path copy = work.resolve("runbooks").resolve(runbooks.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    // the production check looks at runbooks/prod/: give it the one production runbook
    Files.createDirectories(work.resolve("runbooks/prod"));
    Files.copy(runbooks.resolve("gateway-restart.chaos"), work.resolve("runbooks/prod/gateway-restart.chaos"));
    chaos = ChaosProcess.ofMain(work);
  }

  @Test
  void everyCheckPassesOnTheRepositorysRunbooks() throws Exception {
    List<CiFiles.Command> checks = commands("check");
    assertThat(checks).hasSize(6);
    for (CiFiles.Command check : distinct(checks)) {
      ChaosProcess.Result r = run(check, Map.of());
      assertThat(r.exitCode()).as(check + "\n" + r).isZero();
      assertThat(r.outcome()).isEqualTo("ok");
      assertThat(r.err()).contains("chaos-outcome: ok (exit 0)");
      assertThat(r.summary()).contains("chaos check: **ok** (exit 0)");
    }
    JsonNode sarif = JSON.readTree(work.resolve("chaos.sarif").toFile());
    assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
    assertThat(sarif.get("runs").get(0).get("results")).isEmpty();
    assertThat(Files.readString(work.resolve("chaos-check.xml"))).contains("<testsuites", "failures=\"0\"");
    assertThat(JSON.readTree(work.resolve("chaos-check.json").toFile()).get("counts").get("errors").asInt())
        .isZero();
  }

  @Test
  void aMistakeFailsTheCheckAndIsReportedOnItsLineInEveryReport() throws Exception {
    String source = Files.readString(work.resolve("runbooks/pod-failure.chaos"))
        .replace("runbook \"pod-failure\"", "runbook \"broken\"");
    String broken = source.replaceFirst("k8s\\.kill_pods\\(", "k8s.kill_pod(");
    assertThat(broken).isNotEqualTo(source);
    Files.writeString(work.resolve("runbooks/broken.chaos"), broken);
    int index = broken.indexOf("k8s.kill_pod(");
    int line = (int) broken.substring(0, index).lines().count();
    int column = index - broken.lastIndexOf('\n', index);

    for (CiFiles.Command check : distinct(commands("check"))) {
      if (check.args().contains("runbooks/prod/")) {
        continue; // the mistake is not under runbooks/prod/
      }
      ChaosProcess.Result r = run(check, Map.of());
      assertThat(r.outcome()).as(check + "\n" + r).isEqualTo("check_failed");
      assertThat(r.githubOutput()).contains("exit-code=1");
      // the report steps let a failed check go on (CHAOS_OK_OUTCOMES), the others fail the job
      boolean reportStep = check.env().getOrDefault("CHAOS_OK_OUTCOMES", "").contains("check_failed");
      assertThat(r.exitCode()).as(check + "\n" + r).isEqualTo(reportStep ? 0 : 1);
      if (check.args().contains("github")) {
        assertThat(r.out()).contains("::error file=runbooks/broken.chaos,line=" + line + ",col=" + column
            + ",endLine=" + line + ",endColumn=" + (column + "k8s.kill_pod".length()) + ",title=CH0203::");
      }
    }
    JsonNode sarif = JSON.readTree(work.resolve("chaos.sarif").toFile()).get("runs").get(0).get("results").get(0);
    assertThat(sarif.get("ruleId").asString()).isEqualTo("CH0203");
    assertThat(sarif.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(line);
    assertThat(Files.readString(work.resolve("chaos-check.xml")))
        .contains("<testcase name=\"CH0203\" classname=\"runbooks/broken.chaos\"");

    // the GitLab Code Quality report, converted from the JSON one as the codequality job does
    Process python = new ProcessBuilder("python3", CiFiles.CI.resolve("gitlab/codequality.py").toString(),
        "chaos-check.json").directory(work.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    JsonNode quality = JSON.readTree(python.getInputStream());
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).isZero();
    assertThat(quality.size()).isEqualTo(1);
    assertThat(quality.get(0).get("check_name").asString()).isEqualTo("CH0203");
    assertThat(quality.get(0).get("severity").asString()).isEqualTo("major");
    assertThat(quality.get(0).get("description").asString()).startsWith("CH0203: unknown function `k8s.kill_pod`");
    assertThat(quality.get(0).at("/location/path").asString()).isEqualTo("runbooks/broken.chaos");
    assertThat(quality.get(0).at("/location/lines/begin").asInt()).isEqualTo(line);
    assertThat(quality.get(0).get("fingerprint").asString()).matches("[0-9a-f]{64}");
  }

  @Test
  void theGamedayRehearsedInTheSandboxLeavesItsRunFolderAndJUnitReport() throws Exception {
    CiFiles.Command exec = theExec();
    ChaosProcess.Result r = run(exec, Map.of());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.outcome()).isEqualTo("ok");
    assertThat(r.summary()).contains("chaos exec: **ok** (exit 0)");
    Path runDir = work.resolve("chaos-runs/ci-1");
    for (String file : List.of("journal.jsonl", "report.md", "report.json", "report.html", "junit.xml")) {
      assertThat(runDir.resolve(file)).as(file).isNotEmptyFile();
    }
    String junit = Files.readString(runDir.resolve("junit.xml"));
    assertThat(junit).contains("<testsuite", "failures=\"0\"").doesNotContain("<failure");
  }

  @Test
  void aRefusedRunIsRefusedNotAFailedHypothesis() throws Exception {
    ChaosProcess.Result r = run(theExec(), Map.of("CHAOS_ENV", "prod"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.outcome()).isEqualTo("refused");
    assertThat(r.err()).contains("chaos-outcome: refused (exit 2)");
    // the run folder, kept as an artifact, says so too
    assertThat(Files.readString(work.resolve("chaos-runs/ci-1/junit.xml")))
        .contains("<property name=\"outcome\" value=\"refused\"/>");
  }

  @Test
  void aHypothesisThatDoesNotHoldFailsAsSuchWithItsReports() throws Exception {
    ChaosProcess.Result r = run(theExec(), Map.of(), "--world", "runbooks/worlds/pod-failure-slow-recreate.yaml");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.outcome()).isEqualTo("hypothesis_failed");
    assertThat(r.summary()).contains("**hypothesis_failed** (exit 1)");
    // the JUnit report holds the checks (preconditions, guards, verifies, recovery), not the
    // steps: here a step failed, so only its outcome property tells; the job's outcome comes
    // from the exit code, never from the report's failures
    assertThat(Files.readString(work.resolve("chaos-runs/ci-1/junit.xml")))
        .contains("<property name=\"outcome\" value=\"failed\"/>");
    assertThat(work.resolve("chaos-runs/ci-1/report.json")).isNotEmptyFile();
  }

  @Test
  void aRunThatDoesNotRecoverIsNotRecovered() throws Exception {
    ChaosProcess.Result r = run(theExec(), Map.of(), "--world", "runbooks/worlds/pod-failure-not-recovered.yaml");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(6);
    assertThat(r.outcome()).isEqualTo("not_recovered");
  }

  /** The `chaos exec` of the gamedays: GitHub's and GitLab's are the same command. */
  private static CiFiles.Command theExec() throws IOException {
    List<CiFiles.Command> execs = commands("exec");
    assertThat(execs).hasSize(2);
    assertThat(execs.get(0).args()).isEqualTo(execs.get(1).args());
    return execs.stream().filter(c -> c.env().containsKey("CHAOS_OUTCOME_FILE")).findFirst().orElseThrow();
  }

  private static List<CiFiles.Command> commands(String subcommand) throws IOException {
    List<CiFiles.Command> found = new ArrayList<>();
    for (Path file : List.of(CiFiles.GITHUB_CHECK, CiFiles.GITHUB_GAMEDAY, CiFiles.GITLAB)) {
      CiFiles.chaosCommands(file).stream().filter(c -> c.args().get(0).equals(subcommand)).forEach(found::add);
    }
    return found;
  }

  /** One command per distinct argument list: GitHub and GitLab share some. */
  private static List<CiFiles.Command> distinct(List<CiFiles.Command> commands) {
    Set<List<String>> seen = new LinkedHashSet<>();
    return commands.stream().filter(c -> seen.add(c.args())).toList();
  }

  /**
   * Runs {@code command} as its step would, with the runbook, environment and run folder the
   * pipelines default to (overridden by {@code variables}), and {@code extra} options; an exec
   * rehearses in the sandbox instead of reading `--config`.
   */
  private ChaosProcess.Result run(CiFiles.Command command, Map<String, String> variables, String... extra)
      throws Exception {
    Map<String, String> values = new HashMap<>(Map.of("RUNBOOK", "runbooks/pod-failure.chaos",
        "CHAOS_ENV", "staging", "RUN_DIR", "chaos-runs/ci-1"));
    values.putAll(variables);
    List<String> args = new ArrayList<>();
    for (int i = 0; i < command.args().size(); i++) {
      String arg = command.args().get(i);
      if (arg.equals("--config")) {
        args.add("--sandbox");
        i++;
      } else {
        args.add(expand(arg, values));
      }
    }
    args.addAll(args.size() - 1, List.of(extra));
    Map<String, String> env = new HashMap<>();
    for (String name : List.of("CHAOS_OK_OUTCOMES", "CHAOS_OUTCOME_FILE")) {
      if (command.env().containsKey(name)) {
        env.put(name, command.env().get(name));
      }
    }
    ChaosProcess.Result r = chaos.run(env, args);
    if (env.containsKey("CHAOS_OUTCOME_FILE")) {
      assertThat(Files.readString(work.resolve(env.get("CHAOS_OUTCOME_FILE"))))
          .isEqualTo("CHAOS_OUTCOME=" + r.outcome() + "\nCHAOS_EXIT_CODE=" + r.exitCode() + "\n");
    }
    return r;
  }

  private static String expand(String arg, Map<String, String> values) {
    Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?").matcher(arg);
    StringBuilder expanded = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      assertThat(value).as("a value for $" + m.group(1) + " in " + arg).isNotNull();
      m.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    return m.appendTail(expanded).toString();
  }
}
