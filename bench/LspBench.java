// Benchmark of `chaos lsp` (run with bench/lsp-perf.sh, which builds the class path): how long
// a 500-line runbook takes to be re-checked after an edit once the server is warm. The server
// runs in this JVM on piped streams and is driven by lsp4j's client, as an editor drives it:
// each trial sends one `didChange` (a duration literal in a step changes) and at once a
// `hover`, which the server answers from the analysis of the new version; the time from the
// change to the answer is the re-check (parse and check of the document, imported modules from
// the cache, and the JSON-RPC round trip). Target: under 50 ms.
// Single-file source program: `java -cp CLASSPATH bench/LspBench.java [TRIALS]`.

import dev.chaos.lsp.LspServer;
import dev.chaos.spi.DriverRegistry;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

public class LspBench {
  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Path dir = Files.createTempDirectory("lsp-bench");
    Files.createDirectories(dir.resolve("stdlib"));
    try (Stream<Path> files = Files.list(Path.of("stdlib"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".chaos")).toList()) {
        Files.copy(f, dir.resolve("stdlib").resolve(f.getFileName()));
      }
    }
    String text = runbook(500);
    Path file = dir.resolve("bench.chaos");
    Files.writeString(file, text);
    String uri = file.toUri().toString();

    PipedInputStream serverIn = new PipedInputStream(1 << 20);
    PipedOutputStream clientOut = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 20);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    Thread serverThread = new Thread(() -> LspServer.run(serverIn, serverOut, DriverRegistry.load()));
    serverThread.setDaemon(true);
    serverThread.start();

    CountDownLatch opened = new CountDownLatch(1);
    List<Integer> counts = Collections.synchronizedList(new ArrayList<>());
    LanguageClient client = new LanguageClient() {
      public void publishDiagnostics(PublishDiagnosticsParams p) {
        counts.add(p.getDiagnostics().size());
        opened.countDown();
      }
      public void telemetryEvent(Object o) {}
      public void showMessage(MessageParams m) {}
      public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
        return CompletableFuture.completedFuture(null);
      }
      public void logMessage(MessageParams m) {}
    };
    var launcher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
    launcher.startListening();
    LanguageServer server = launcher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setCapabilities(new ClientCapabilities());
    server.initialize(init).get(60, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
    server.getTextDocumentService().didOpen(
        new DidOpenTextDocumentParams(new TextDocumentItem(uri, "chaos", 0, text)));
    opened.await(60, TimeUnit.SECONDS);
    System.out.printf("runbook: %d lines, %d diagnostics on open%n",
        text.split("\n", -1).length, counts.get(0));

    int literal = text.indexOf("wait 1s", text.length() / 2) + 5;
    Position at = position(text, literal);
    Range digit = new Range(at, new Position(at.getLine(), at.getCharacter() + 1));
    long[] times = new long[trials];
    int warmup = 200;
    for (int i = -warmup; i < trials; i++) {
      int version = i + warmup + 1;
      long start = System.nanoTime();
      server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
          new VersionedTextDocumentIdentifier(uri, version),
          List.of(new TextDocumentContentChangeEvent(digit, version % 2 == 0 ? "1" : "2"))));
      server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
          new Position(0, 0))).get(60, TimeUnit.SECONDS);
      if (i >= 0) {
        times[i] = System.nanoTime() - start;
      }
    }
    java.util.Arrays.sort(times);
    System.out.printf("re-check after an edit, %d trials after %d warm-up: median %.1f ms, "
        + "p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", trials, warmup, ms(times[trials / 2]),
        ms(times[trials * 9 / 10]), ms(times[trials * 99 / 100]), ms(times[trials - 1]));
    server.shutdown().get(60, TimeUnit.SECONDS);
    server.exit();
    System.exit(0);
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static Position position(String text, int offset) {
    int line = 0;
    int start = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        start = i + 1;
      }
    }
    return new Position(line, offset - start);
  }

  /** A runbook of about {@code lines} lines: the header, checks, and steps of 8 lines each. */
  static String runbook(int lines) {
    StringBuilder sb = new StringBuilder("""
        // A generated runbook for bench/LspBench.java.
        import "slo"
        import "checklist"

        runbook "bench" {
          title "A long runbook"
          environment staging
          blast_radius 30%
          max_duration 2h
          let backend = k8s.selector("shop", "tier=backend")
          let backend_pods = k8s.pods(backend).total

          precondition "services healthy" {
            expect checklist.services_healthy()
          }
          observe error_rate = slo.error_rate() every 5s
          guard "error rate under 5%" every 5s {
            warn when slo.error_rate() > 1%
            abort when slo.error_rate() >= 5%
          }
        """);
    int step = 0;
    while (sb.toString().split("\n", -1).length < lines - 12) {
      step++;
      sb.append("  step \"kill ").append(step).append("\" timeout 2m {\n")
          .append("    let before = k8s.pods(backend).ready\n")
          .append("    let killed = k8s.kill_pods(backend, fraction: 10%)\n")
          .append("    record killed_").append(step).append(" = len(killed)\n")
          .append("    wait 1s\n")
          .append("    wait until k8s.pods(backend).ready >= before every 1s within 30s\n")
          .append("    expect slo.error_rate() < 1% else \"step ").append(step).append(": errors\"\n")
          .append("  }\n");
    }
    sb.append("""
          verify "error rate stayed low" throughout {
            expect slo.error_rate() < 5%
          }
          rollback {
            k8s.rollout_restart("deployment", "backend", namespace: "shop")
          }
          recovery within 2m every 5s {
            expect k8s.pods(backend).ready == backend_pods
          }
        }
        """);
    return sb.toString();
  }
}
