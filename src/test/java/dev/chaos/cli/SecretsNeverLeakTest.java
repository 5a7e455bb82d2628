package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets guarantee of docs/configuration.md: known secrets are planted (a config `env:`
 * value, a config `file:` value, a `secret(...)` header, passwords in URLs, a Basic header
 * written as a plain string) behind servers that echo every request back (a webhook that
 * refuses the token and quotes it, a Prometheus proxy whose error page lists the headers, an
 * `http.get` target whose body repeats them, raw, URL-encoded and in Base64). `chaos exec` runs
 * for real in child JVMs (the secrets in their environment), with the live view and with the
 * plain view under `-v`; then every artifact is searched: stdout, stderr, the journal, both
 * reports and the JUnit report hold none of the secrets, in any of those forms.
 */
@Timeout(600)
class SecretsNeverLeakTest {
  private static final String PROM_TOKEN = "prom-F1le-T0ken/9a8b7c";
  private static final String NOTIFY_TOKEN = "hook-Env-T0ken+5d4e3f";
  private static final String API_TOKEN = "Bearer api-Secr3t-Value=2b1a";
  private static final String PROM_URL_PASSWORD = "prom-url-pw-7731";
  private static final String GET_URL_PASSWORD = "get-url-pw-5150";
  private static final String BASIC_PASSWORD = "basic-plain-pw-4410";

  @TempDir
  Path dir;
  private MockWebServer server;
  private final List<RecordedRequest> seen = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void echoServer() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        seen.add(request);
        String echo = echo(request);
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/prom")) {
          return new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
              .body("<html><body><h1>502 Bad Gateway</h1><pre>" + echo + "</pre></body></html>")
              .build();
        }
        if (path.startsWith("/hook")) {
          return new MockResponse.Builder().code(401)
              .body("{\"error\":\"invalid_token\",\"you_sent\":\"" + echo.replace("\n", " ")
                  + "\"}").build();
        }
        return new MockResponse.Builder().code(200).body(echo).build();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** Every header, raw, URL-encoded and in Base64, and the body: what a careless server does. */
  private static String echo(RecordedRequest request) {
    StringBuilder out = new StringBuilder(request.getRequestLine()).append('\n');
    List<String> names = new ArrayList<>(request.getHeaders().names());
    // the credentials first, as a proxy page that quotes only the start still shows them
    names.sort(java.util.Comparator.comparing(n -> n.equalsIgnoreCase("Authorization") ? 0 : 1));
    for (String name : names) {
      for (String value : request.getHeaders().values(name)) {
        out.append(name).append(": ").append(value)
            .append(" (encoded ").append(URLEncoder.encode(value, StandardCharsets.UTF_8))
            .append(", base64 ").append(Base64.getEncoder().encodeToString(
                value.getBytes(StandardCharsets.UTF_8))).append(")\n");
      }
    }
    out.append(request.getBody() == null ? "" : request.getBody().utf8());
    return out.toString();
  }

  private static final String RUNBOOK = """
      runbook "secrets-stay-secret" {
        title "Secrets stay secret"
        objective "Nothing a server echoes shows a secret"
        environment staging
        observe up = prometheus.scalar("up") every 1s
        step "call the echo" irreversible {
          let api = http.get("http://ci:GET_URL_PASSWORD@HOST/echo",
            headers: {Authorization: secret("CHAOS_TEST_API_TOKEN")}, timeout: 60s)
          log "the echo said: ${api.body}"
          let basic = http.get("http://HOST/echo", headers: {Authorization: "Basic BASIC"},
            timeout: 60s)
          log "basic: ${basic.body}"
          wait 2s
          notify.send("done with the echo")
        }
        verify "prometheus answers" { expect prometheus.scalar("up") >= 0 }
      }
      """;

  private Path setUp() throws IOException {
    String host = server.getHostName() + ":" + server.getPort();
    Path runbook = dir.resolve("secrets.chaos");
    Files.writeString(runbook, RUNBOOK.replace("HOST", host)
        .replace("GET_URL_PASSWORD", GET_URL_PASSWORD)
        .replace("BASIC", Base64.getEncoder().encodeToString(
            ("ci:" + BASIC_PASSWORD).getBytes(StandardCharsets.UTF_8))));
    Files.writeString(dir.resolve("prom.token"), PROM_TOKEN + "\n");
    Files.writeString(dir.resolve("chaos.yaml"), """
        environments:
          staging:
            class: staging
            prometheus: {url: "http://promuser:PROM_URL_PASSWORD@HOST/prom", token: "file:prom.token",
                         timeout: 60s}
            notify: {webhook: "http://HOST/hook/T000/B000", token: "env:CHAOS_TEST_NOTIFY_TOKEN"}
        """.replace("HOST", host).replace("PROM_URL_PASSWORD", PROM_URL_PASSWORD));
    return runbook;
  }

  private record Child(int exitCode, String out, String err) {}

  private Child exec(String view, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp",
        System.getProperty("java.class.path"), SecretsChild.class.getName(), view));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve(view + ".out").toFile())
        .redirectError(dir.resolve(view + ".err").toFile());
    builder.environment().put("CHAOS_TEST_API_TOKEN", API_TOKEN);
    builder.environment().put("CHAOS_TEST_NOTIFY_TOKEN", NOTIFY_TOKEN);
    builder.environment().put("COLUMNS", "80");
    Process child = builder.start();
    assertThat(child.waitFor(280, TimeUnit.SECONDS)).as("the child finished").isTrue();
    return new Child(child.exitValue(), Files.readString(dir.resolve(view + ".out")),
        Files.readString(dir.resolve(view + ".err")));
  }

  @Test
  void noArtifactOfARealRunShowsASecretTheServersEchoed() throws Exception {
    Path runbook = setUp();
    Map<String, String> artifacts = new LinkedHashMap<>();
    for (String view : List.of("plain", "terminal")) {
      Path run = dir.resolve("run-" + view);
      List<String> args = new ArrayList<>(List.of("exec", runbook.toString(), "--config",
          dir.resolve("chaos.yaml").toString(), "--journal", run.resolve("journal.jsonl").toString(),
          "--junit", run.resolve("junit.xml").toString()));
      if (view.equals("plain")) {
        args.add("-v");
      }
      Child child = exec(view, args.toArray(String[]::new));
      artifacts.put(view + " stdout", child.out());
      artifacts.put(view + " stderr", child.err());
      try (Stream<Path> files = Files.list(run)) {
        for (Path file : files.toList()) {
          artifacts.put(view + " " + file.getFileName(), Files.readString(file));
        }
      }
      // the run did reach every server and fail the way the servers made it
      assertThat(child.exitCode()).as(child.out() + child.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(artifacts).containsKeys(view + " journal.jsonl", view + " report.md",
          view + " report.json", view + " report.html", view + " junit.xml");
    }

    // the servers were sent every secret, and echoed them: the test plants what it looks for
    String sent = String.join("\n", seen.stream().map(SecretsNeverLeakTest::echo).toList());
    assertThat(sent).contains(PROM_TOKEN, NOTIFY_TOKEN, API_TOKEN,
        Base64.getEncoder().encodeToString(("ci:" + BASIC_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    String plainOut = artifacts.get("plain stdout");
    assertThat(plainOut).as("-v shows the echoed body, masked").contains("the echo said: GET /echo",
        "Authorization: ***");
    assertThat(artifacts.get("plain journal.jsonl")).contains("HTTP 401", "HTTP 502",
        "http://***@");

    for (String secret : List.of(PROM_TOKEN, NOTIFY_TOKEN, API_TOKEN, "api-Secr3t-Value=2b1a",
        PROM_URL_PASSWORD, GET_URL_PASSWORD, BASIC_PASSWORD)) {
      for (String form : forms(secret)) {
        artifacts.forEach((name, text) ->
            assertThat(text).as("%s holds %s (a form of %s)", name, form, secret)
                .doesNotContain(form));
      }
    }
  }

  /** A mistyped reference is refused without showing what was written after `env:`. */
  @Test
  void aMistypedReferenceIsNotEchoed() throws Exception {
    Path runbook = setUp();
    Files.writeString(dir.resolve("chaos.yaml"), """
        environments:
          staging:
            class: staging
            notify: {webhook: "http://127.0.0.1:9/hook", token: "env: hook-Pasted-Secret-77"}
        """);
    CliRunner.Result r = new CliRunner().run("exec", runbook.toString(), "--config",
        dir.resolve("chaos.yaml").toString(), "--journal", dir.resolve("r/j.jsonl").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("`environments.staging.notify.token`", "the value is not shown")
        .doesNotContain("Pasted");
  }

  /** The secret, URL-encoded, HTML-escaped, and in Base64 alone and as a bearer header. */
  private static List<String> forms(String secret) {
    List<String> forms = new ArrayList<>(List.of(secret,
        URLEncoder.encode(secret, StandardCharsets.UTF_8),
        dev.chaos.runtime.html.Html.escape(secret)));
    for (String text : List.of(secret, "Bearer " + secret)) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      forms.add(Base64.getEncoder().encodeToString(bytes));
      forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    }
    return forms;
  }
}
