package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver that exists only in test scope ({@code example.tally}, docs/extending.md) plugs in
 * with no main file edited: `chaos check` types its calls, `chaos exec --sandbox` runs them on
 * its model built from its world-file section, and a real run reaches a loopback service named
 * by its own `chaos.yaml` section. Its service entry sits under `plugin-example/`, as in a
 * plug-in's jar, so that only these tests put it on the class path.
 */
@Timeout(60)
class PluginDriverTest {
  private static final String RUNBOOK = """
      runbook "tally" {
        environment staging
        precondition "three before" { expect tally.count("visits") == 3 }
        step "add two" {
          let n = tally.add("visits", by: 2)
          log "visits: ${n}"
        }
        verify "five after" throughout { expect tally.count("visits") >= 3 }
      }
      """;

  @TempDir
  Path dir;

  /** Runs {@code run} with the plug-in's folder on the class path, as a plug-in jar would be. */
  private static <T> T withPlugin(Supplier<T> run) throws Exception {
    URL folder = PluginDriverTest.class.getResource("/plugin-example/");
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader plugin = new URLClassLoader(new URL[] {folder}, before)) {
      thread.setContextClassLoader(plugin);
      return run.get();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void checkTypesTheCallsOfThePlugIn() throws Exception {
    Path good = write("tally.chaos", RUNBOOK);
    Path bad = write("bad.chaos", RUNBOOK.replace("by: 2", "by: \"two\""));
    assertThat(withPlugin(() -> new CliRunner().run("check", good.toString())).exitCode())
        .isZero();
    CliRunner.Result wrong = withPlugin(() -> new CliRunner().run("check", bad.toString()));
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(wrong.out() + wrong.err()).contains("expected `Int`, found `String`");
    // without the plug-in on the class path, `tally` is no namespace at all
    CliRunner.Result without = new CliRunner().run("check", good.toString());
    assertThat(without.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(without.out() + without.err()).contains("tally");
  }

  @Test
  void aRehearsalRunsThePlugInsModelFromItsWorldFileSection() throws Exception {
    Path runbook = write("tally.chaos", RUNBOOK);
    Path world = write("world.yaml", "seed: 7\ntally:\n  counters: {visits: 3}\n");
    CliRunner.Result r = withPlugin(() -> new CliRunner().run("exec", "--sandbox", "--world",
        world.toString(), runbook.toString(), "--journal", dir.resolve("j.jsonl").toString()));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("visits: 5");
    assertThat(Files.readString(dir.resolve("j.jsonl"))).contains("subtract 2 from visits");
  }

  @Test
  void aDryRunShowsThePlugInsPreviewAndChangesNothing() throws Exception {
    Path runbook = write("tally.chaos", RUNBOOK);
    Path world = write("world.yaml", "seed: 7\ntally:\n  counters: {visits: 3}\n");
    CliRunner.Result r = withPlugin(() -> new CliRunner().run("exec", "--sandbox", "--dry-run",
        "--world", world.toString(), runbook.toString(), "--journal",
        dir.resolve("j.jsonl").toString()));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("would add 2 to visits: visits; undo: subtract 2 from visits",
        "visits: 3");
  }

  @Test
  void aMistakeInThePlugInsWorldSectionIsReportedWhereItIs() throws Exception {
    Path runbook = write("tally.chaos", RUNBOOK);
    Path world = write("world.yaml", "tally:\n  countres: {visits: 3}\n");
    CliRunner.Result r = withPlugin(() -> new CliRunner().run("exec", "--sandbox", "--world",
        world.toString(), runbook.toString(), "--journal", dir.resolve("j.jsonl").toString()));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains(world + ":2:3: unknown key `tally.countres`; did you mean "
        + "`counters`?");
  }

  @Test
  void aRealRunReachesTheServiceOfThePlugInsConfigSectionAndUndoesItsChange()
      throws Exception {
    Map<String, Long> counters = new ConcurrentHashMap<>(Map.of("visits", 3L));
    List<String> requests = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getQuery();
      requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
      String name = path.substring(path.lastIndexOf('/') + 1);
      long value = path.startsWith("/add/")
          ? counters.merge(name, Long.parseLong(query.substring("by=".length())), Long::sum)
          : counters.getOrDefault(name, 0L);
      byte[] body = Long.toString(value).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      Path runbook = write("tally.chaos", RUNBOOK);
      Path config = write("chaos.yaml", """
          environments:
            staging:
              class: staging
              tally: {url: "http://127.0.0.1:%d"}
          """.formatted(server.getAddress().getPort()));
      CliRunner.Result r = withPlugin(() -> new CliRunner().run("exec", "--config",
          config.toString(), runbook.toString(), "--journal",
          dir.resolve("j.jsonl").toString()));
      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("visits: 5");
      assertThat(requests).contains("POST /add/visits?by=2", "POST /add/visits?by=-2");
      assertThat(counters).containsEntry("visits", 3L);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anEnvironmentWithoutThePlugInsSectionFailsOnlyItsCalls() throws Exception {
    Path runbook = write("tally.chaos", RUNBOOK);
    Path config = write("chaos.yaml", """
        environments:
          staging: {class: staging}
        """);
    CliRunner.Result r = withPlugin(() -> new CliRunner().run("exec", "--config",
        config.toString(), runbook.toString(), "--journal", dir.resolve("j.jsonl").toString()));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.PRECONDITION_FAILED);
    assertThat(r.out()).contains("environment `staging` has no `tally` section (add "
        + "`environments.staging.tally`)");
  }

  @Test
  void aMistakeInThePlugInsConfigSectionStopsTheRunBeforeAnythingRuns() throws Exception {
    Path runbook = write("tally.chaos", RUNBOOK);
    Path config = write("chaos.yaml", """
        environments:
          staging:
            class: staging
            tally: {ur: "http://127.0.0.1:1"}
        """);
    CliRunner.Result r = withPlugin(() -> new CliRunner().run("exec", "--config",
        config.toString(), runbook.toString(), "--journal", dir.resolve("j.jsonl").toString()));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains(config + ":4:13: unknown key `environments.staging.tally.ur`;"
        + " did you mean `url`?");
    assertThat(Files.exists(dir.resolve("j.jsonl"))).isFalse();
  }
}
