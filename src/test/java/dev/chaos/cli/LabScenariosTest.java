package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The six scenario runbooks of `runbooks/`, unchanged, run end to end against the lab
 * (`scripts/lab up`) with `chaos exec --config target/lab/chaos.yaml`, and what each leaves
 * behind: nothing ({@link LabLeftovers}). Each waits first for the lab to be whole and at its
 * baseline, so that one scenario's tail (a 1 m latency window, a rejoining Redis node) does not
 * fail the next one's preconditions.
 */
@EnabledIfEnvironmentVariable(named = "LAB_CHAOS_CONFIG", matches = ".+")
class LabScenariosTest {
  /** Each run's journal, report and output stay in target/lab-scenarios/ for reading. */
  private final Path dir = Path.of("target", "lab-scenarios").toAbsolutePath();

  private LabLeftovers lab;

  @BeforeEach
  void baseline() throws Exception {
    lab = new LabLeftovers();
    lab.sweep();
    lab.awaitBaseline();
  }

  @AfterEach
  void close() {
    lab.close();
  }

  private CliRunner.Result exec(Path runbook) {
    String name = runbook.getFileName().toString().replace(".chaos", "");
    return new CliRunner().run("exec", "--config", LabLeftovers.env("LAB_CHAOS_CONFIG"),
        "--journal", dir.resolve(name + "/journal.jsonl").toString(), runbook.toString());
  }

  /**
   * A fresh copy of runbooks/NAME.chaos, unchanged, in a folder beside `scripts` (the lab's DR
   * scripts, scripts/lab-dr) and `stdlib`, as `scripts/lab up` stages target/lab/runbooks/: a
   * runbook's `shell.run("./scripts/...")` is relative to its own folder.
   */
  private Path runbook(String name) throws IOException {
    Path staged = dir.resolve("runbooks");
    Files.createDirectories(staged);
    for (String link : new String[] {"scripts", "stdlib"}) {
      Files.deleteIfExists(staged.resolve(link));
    }
    Files.createSymbolicLink(staged.resolve("scripts"), Path.of("scripts/lab-dr").toAbsolutePath());
    Files.createSymbolicLink(staged.resolve("stdlib"), Path.of("stdlib").toAbsolutePath());
    // a journal of an earlier run of the same runbook would be read as one to resume
    deleteTree(dir.resolve(name));
    return Files.copy(Path.of("runbooks", name + ".chaos"), staged.resolve(name + ".chaos"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * `chaos exec` in a JVM of its own that trusts the lab's CA (the backup region's demo serves
   * HTTPS with a certificate of it), as a user runs it with
   * `JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=target/lab/tls/truststore.p12`.
   */
  private CliRunner.Result execTrustingTheLab(Path runbook) throws Exception {
    return execInItsOwnJvm(runbook, java.util.Map.of());
  }

  /**
   * `chaos exec` in a JVM of its own, trusting the lab's CA, with {@code env} added to its
   * environment: a runbook's `env(...)` reads the process's, which this JVM cannot change.
   */
  private CliRunner.Result execInItsOwnJvm(Path runbook, java.util.Map<String, String> env)
      throws Exception {
    String name = runbook.getFileName().toString().replace(".chaos", "");
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder exec = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
        "-Djavax.net.ssl.trustStore=" + LabLeftovers.env("LAB_TRUSTSTORE"),
        "-Djavax.net.ssl.trustStorePassword=changeit",
        "-cp", classPath, "dev.chaos.cli.Main", "exec", "--config",
        LabLeftovers.env("LAB_CHAOS_CONFIG"), "--journal",
        dir.resolve(name + "/journal.jsonl").toString(), runbook.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    exec.environment().putAll(env);
    Process p = exec.start();
    if (!p.waitFor(50, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("chaos exec " + runbook + " did not end within 50 minutes");
    }
    return new CliRunner.Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The largest value (seconds, or a plain number) the run observed for {@code observe}. */
  private double maxObserved(String name, String observe) throws IOException {
    java.util.regex.Pattern sample = java.util.regex.Pattern.compile("\"kind\":\"observe\",\"name\":\""
        + observe + "\",\"outcome\":\"true\",\"value\":\"?([0-9.]+)(ms|s|%)?\"?");
    double max = Double.NEGATIVE_INFINITY;
    for (String line : Files.readAllLines(dir.resolve(name + "/journal.jsonl"))) {
      java.util.regex.Matcher m = sample.matcher(line);
      if (m.find()) {
        double v = Double.parseDouble(m.group(1));
        max = Math.max(max, "ms".equals(m.group(2)) ? v / 1000 : v);
      }
    }
    return max;
  }

  private String report(String name) throws Exception {
    return Files.readString(dir.resolve(name + "/report.md"));
  }

  /** Passed, and nothing left behind once the run is over. */
  private CliRunner.Result passesAndLeavesNothing(Path runbook) throws Exception {
    return leavesNothing(runbook, exec(runbook));
  }

  private CliRunner.Result leavesNothing(Path runbook, CliRunner.Result r) throws Exception {
    String name = runbook.getFileName().toString().replace(".chaos", "");
    Files.createDirectories(dir.resolve(name));
    Files.writeString(dir.resolve(name + "/output.txt"), r.out() + "\n--- stderr ---\n" + r.err());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("\npassed\n");
    // a pod whose process the run restarted (a failed-over Redis rejoining as a replica) may
    // still be settling: wait for that, bounded; anything else left is at once a failure
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .until(() -> lab.problems().stream().noneMatch(p -> p.endsWith(" not ready")));
    } catch (ConditionTimeoutException stillNotReady) {
      // reported with the rest below
    }
    assertThat(lab.problems()).as("left behind by " + runbook).isEmpty();
    return r;
  }

  @Test
  @Timeout(600)
  void podFailureKillsBackendPodsWhichComeBackWithoutUserErrors() throws Exception {
    CliRunner.Result r = passesAndLeavesNothing(runbook("pod-failure"));
    assertThat(r.out()).contains("call k8s.kill_pods(", "record pods_killed = 1");
    assertThat(report("pod-failure")).contains("tier=backend");
  }

  @Test
  @Timeout(900)
  void dbConnectionExhaustionHoldsAndReleasesRealConnections() throws Exception {
    long started = System.nanoTime();
    CliRunner.Result r = passesAndLeavesNothing(runbook("db-connection-exhaustion"));
    assertThat(r.out()).contains("call postgres.hold_connections(");
    // the effect was real: the demo, refused by the exhausted server, retried its connections
    // (the run observed it) and its circuit breaker opened, then closed by itself
    assertThat(maxObserved("db-connection-exhaustion", "db_retries")).isGreaterThan(0);
    long seconds = (System.nanoTime() - started) / 1_000_000_000L + 60;
    assertThat(LabLeftovers.prometheus("max_over_time(demo_circuit_breaker_open{job=\"demo\"}["
        + seconds + "s])")).isEqualTo(1);
    assertThat(LabLeftovers.prometheus("chaos:app:circuit_breaker_open")).isZero();
  }

  @Test
  @Timeout(600)
  void redisFailoverPromotesTheReplicaWithoutErrors() throws Exception {
    // The runbook fails the master's pod and names the replica to promote by hand: whichever
    // of the lab's two Redis pods holds the master now (an earlier failover swaps them), as
    // an SRE finds it with `SENTINEL get-master-addr-by-name` (docs/lab.md).
    String before;
    try (var m = LabLeftovers.master()) {
      before = m.getConnection().getHostAndPort().toString();
    }
    int offset = Integer.parseInt(LabLeftovers.env("LAB_PORT_OFFSET"));
    boolean seedLayout = before.endsWith(":" + (16379 + offset));
    String replica = "127.0.0.1:" + (seedLayout ? 16380 + offset : 16379 + offset);
    long started = System.currentTimeMillis();
    Path runbook = runbook("redis-failover");
    CliRunner.Result r = leavesNothing(runbook, execInItsOwnJvm(runbook, java.util.Map.of(
        "CHAOS_REDIS_MASTER_POD", seedLayout ? "redis-master-0" : "redis-replica-0",
        "CHAOS_REDIS_REPLICA", replica)));
    try (var m = LabLeftovers.master()) {
      assertThat(m.getConnection().getHostAndPort().toString()).isNotEqualTo(before);
    }
    // Sentinel promoted within the seed's 30 s of the outage
    assertThat(dev.chaos.units.Durations.parse(recorded("redis-failover", "promotion_time"),
        dev.chaos.units.DurationSyntax.STRICT)).isLessThanOrEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(r.out()).contains("record fallback_share_during_outage = ");
    // the outage was real: the demo's cache calls failed, and most of what the cache served
    // went to PostgreSQL for a while (half the way from the misses' share to all reads), as
    // Prometheus saw it, whatever the runbook concluded
    long runSeconds = (System.currentTimeMillis() - started) / 1000 + 5;
    assertThat(LabLeftovers.prometheus("sum(increase(demo_backend_errors_total{job=\"demo\","
        + "backend=\"redis\"}[" + runSeconds + "s]))")).isGreaterThan(0);
    double fallbackBefore = percent(recorded("redis-failover", "fallback_share_before"));
    assertThat(LabLeftovers.prometheus("max_over_time(chaos:app:cache_fallback:ratio5s["
        + runSeconds + "s])")).isGreaterThanOrEqualTo(fallbackBefore + (1 - fallbackBefore) / 2);
  }

  /** The value of the journal's `record NAME`, as the journal writes it (a string). */
  private String recorded(String name, String record) throws IOException {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile("\"event\":\"record\",\"name\":\""
        + record + "\",\"value\":\"?([^\",]*)\"?");
    for (String line : Files.readAllLines(dir.resolve(name + "/journal.jsonl"))) {
      java.util.regex.Matcher m = p.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no `record " + record + "` in the journal of " + name);
  }

  /** A journal's percentage ("51.2%") as a ratio. */
  private static double percent(String text) {
    return Double.parseDouble(text.replace("%", "")) / 100;
  }

  @Test
  @Timeout(1200)
  void networkLatencyDelaysTheGatewayAndRecovers() throws Exception {
    CliRunner.Result r = passesAndLeavesNothing(runbook("network-latency"));
    assertThat(r.out()).contains("record chaos_objects = 1");
    // the lab's Chaos Mesh really delayed the demo: the p95 observed rose past the 200 ms
    assertThat(maxObserved("network-latency", "p95")).isGreaterThanOrEqualTo(0.2);
  }

  @Test
  @Timeout(1500)
  void resourceStressBurnsTheDemosCpuAndTheHpaScalesUpThenDown() throws Exception {
    CliRunner.Result r = passesAndLeavesNothing(runbook("resource-stress"));
    assertThat(r.out()).contains("record stress_objects = 2", "record scale_up_time = ",
        "record scaled_to = ");
  }

  @Test
  @Timeout(3000)
  void regionFailureFailsOverToTheBackupRegionAndChecksTheData() throws Exception {
    Path runbook = runbook("region-failure");
    CliRunner.Result r = leavesNothing(runbook, execTrustingTheLab(runbook));
    assertThat(r.out()).contains("record smoke_exit = 0", "record consistency_exit = 0");
    // real figures: the RTO counts from the failure through the primary going down, the
    // failover script and users reaching the backup region; the RPO is a measured duration
    double down = recordedSeconds(r.out(), "primary_down_after");
    double rto = recordedSeconds(r.out(), "rto");
    assertThat(rto).as("the RTO against the time the primary took to go down").isGreaterThan(down);
    assertThat(rto).isLessThanOrEqualTo(15 * 60);
    assertThat(recordedSeconds(r.out(), "rpo")).isBetween(0.0, 5 * 60.0);
    // the failover really moved users: the script switched the record to the backup region
    assertThat(r.out()).contains("DNS: llm-marketplace.example -> backup region");
  }

  /** A duration recorded by the run ({@code record NAME = 1m 2.5s}), in seconds. */
  private static double recordedSeconds(String out, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("record " + name + " = ([^\\n]+)")
        .matcher(out);
    assertThat(m.find()).as("`record " + name + "` in the output").isTrue();
    java.util.regex.Matcher part = java.util.regex.Pattern.compile("([0-9.]+)(h|ms|m|s)")
        .matcher(m.group(1));
    double seconds = 0;
    boolean any = false;
    while (part.find()) {
      any = true;
      double v = Double.parseDouble(part.group(1));
      seconds += switch (part.group(2)) {
        case "h" -> v * 3600;
        case "m" -> v * 60;
        case "ms" -> v / 1000;
        default -> v;
      };
    }
    assertThat(any).as("`record " + name + " = " + m.group(1) + "` is a duration").isTrue();
    return seconds;
  }
}
