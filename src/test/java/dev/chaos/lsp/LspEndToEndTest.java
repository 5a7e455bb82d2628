package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `chaos lsp` as an editor uses it: a child process (`java dev.chaos.cli.Main lsp`) driven by
 * lsp4j's client over the process's real stdin and stdout. It opens a runbook, types a
 * mistake, gets the diagnostic, asks for hover, completion and definitions, applies the quick
 * fix, and shuts the server down.
 */
class LspEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  private Process process;
  private Path stderr;

  /** What the server sent without being asked. */
  static final class Client implements LanguageClient {
    final Map<String, List<PublishDiagnosticsParams>> published = new ConcurrentHashMap<>();

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
      published.computeIfAbsent(params.getUri(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(params);
    }

    PublishDiagnosticsParams at(String uri, int version) {
      for (PublishDiagnosticsParams p : published.getOrDefault(uri, List.of())) {
        if (p.getVersion() != null && p.getVersion() == version) {
          return p;
        }
      }
      return null;
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }

  @AfterEach
  void stop() throws IOException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void anEditorSessionOverRealStdio() throws Exception {
    Path runbook = LspFixtures.podFailure(dir);
    String uri = runbook.toUri().toString();
    String text = Files.readString(runbook);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    stderr = dir.resolve("stderr.txt");
    process = new ProcessBuilder(java, "-cp", classPath(), "dev.chaos.cli.Main", "lsp", "--stdio")
        .redirectError(stderr.toFile()).start();
    Client client = new Client();
    Launcher<LanguageServer> launcher =
        LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
    launcher.startListening();
    LanguageServer server = launcher.getRemoteProxy();

    InitializeParams init = new InitializeParams();
    init.setCapabilities(new ClientCapabilities());
    init.setProcessId((int) ProcessHandle.current().pid());
    InitializeResult initialized = server.initialize(init).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(initialized.getCapabilities().getHoverProvider().getLeft()).isTrue();
    server.initialized(new InitializedParams());

    // open: the runbook as it is has no error
    server.getTextDocumentService().didOpen(
        new DidOpenTextDocumentParams(new TextDocumentItem(uri, "chaos", 1, text)));
    await().atMost(PATIENCE).until(() -> client.at(uri, 1) != null);
    assertThat(client.at(uri, 1).getDiagnostics())
        .filteredOn(d -> d.getSeverity() == DiagnosticSeverity.Error).isEmpty();

    // type a mistake: `k8s.kill_pods` loses its `s`
    int call = text.indexOf("k8s.kill_pods(backend, fraction");
    Position start = position(text, call);
    Range deleteS = new Range(position(text, call + 12), position(text, call + 13));
    change(server, uri, 2, new TextDocumentContentChangeEvent(deleteS, ""));
    text = text.substring(0, call + 12) + text.substring(call + 13);
    await().atMost(PATIENCE).until(() -> client.at(uri, 2) != null);
    List<Diagnostic> mistakes = client.at(uri, 2).getDiagnostics().stream()
        .filter(d -> d.getSeverity() == DiagnosticSeverity.Error).toList();
    assertThat(mistakes).hasSize(1);
    Diagnostic mistake = mistakes.get(0);
    assertThat(mistake.getCode().getLeft()).isEqualTo("CH0203");
    assertThat(mistake.getRange()).isEqualTo(new Range(start, position(text, call + 12)));
    assertThat(mistake.getMessage()).startsWith("unknown function `k8s.kill_pod`")
        .contains("help: did you mean `k8s.kill_pods`?");

    // hover on a driver function and on a duration literal
    int pods = text.indexOf("k8s.pods(backend).total") + 5;
    Hover driverHover = server.getTextDocumentService().hover(new HoverParams(
        new TextDocumentIdentifier(uri), position(text, pods))).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(driverHover.getContents().getRight().getValue()).contains("k8s.pods(").contains("**read**");
    int fiveSeconds = text.indexOf("every 5s") + 6;
    Hover durationHover = server.getTextDocumentService().hover(new HoverParams(
        new TextDocumentIdentifier(uri), position(text, fiveSeconds))).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(durationHover.getContents().getRight().getValue()).contains("duration: 5 seconds");

    // completion after `k8s.`
    int afterDot = text.indexOf("k8s.selector(") + 4;
    List<CompletionItem> completions = server.getTextDocumentService().completion(
        new CompletionParams(new TextDocumentIdentifier(uri), position(text, afterDot)))
        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS).getRight().getItems();
    assertThat(completions).extracting(CompletionItem::getLabel).contains("kill_pods", "pods", "selector");

    // definition of a let and of a stdlib fn (in the stdlib beside the runbook)
    int use = text.indexOf("k8s.pods(backend).total") + 9;
    List<? extends Location> let = server.getTextDocumentService().definition(new DefinitionParams(
        new TextDocumentIdentifier(uri), position(text, use))).get(PATIENCE.toSeconds(), TimeUnit.SECONDS).getLeft();
    int declared = text.indexOf("let backend = ") + 4;
    Range backend = new Range(position(text, declared), position(text, declared + 7));
    assertThat(let).singleElement().satisfies(l -> {
      assertThat(l.getUri()).isEqualTo(uri);
      assertThat(l.getRange()).isEqualTo(backend);
    });
    int fnUse = text.indexOf("slo.error_rate()") + 5;
    List<? extends Location> fn = server.getTextDocumentService().definition(new DefinitionParams(
        new TextDocumentIdentifier(uri), position(text, fnUse))).get(PATIENCE.toSeconds(), TimeUnit.SECONDS).getLeft();
    assertThat(fn).singleElement().satisfies(l ->
        assertThat(Path.of(URI.create(l.getUri()))).isEqualTo(dir.resolve("stdlib/slo.chaos")));

    // the quick fix for the mistake, applied: the diagnostics clear
    List<Either<Command, CodeAction>> actions = server.getTextDocumentService().codeAction(
        new CodeActionParams(new TextDocumentIdentifier(uri), mistake.getRange(),
            new CodeActionContext(List.of(mistake)))).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(actions).hasSize(1);
    CodeAction fix = actions.get(0).getRight();
    assertThat(fix.getTitle()).isEqualTo("replace with `k8s.kill_pods`");
    List<TextEdit> edits = fix.getEdit().getChanges().get(uri);
    assertThat(edits).singleElement().satisfies(e -> assertThat(e.getNewText()).isEqualTo("k8s.kill_pods"));
    TextEdit edit = edits.get(0);
    change(server, uri, 3, new TextDocumentContentChangeEvent(edit.getRange(), edit.getNewText()));
    await().atMost(PATIENCE).until(() -> client.at(uri, 3) != null);
    assertThat(client.at(uri, 3).getDiagnostics())
        .filteredOn(d -> d.getSeverity() == DiagnosticSeverity.Error).isEmpty();

    // formatting: `chaos fmt` of the whole document; the runbook is kept formatted, so messing
    // up one line's spacing gives one edit that restores the text
    assertThat(initialized.getCapabilities().getDocumentFormattingProvider().getLeft()).isTrue();
    String formatted = Files.readString(runbook);
    int letBackend = text.indexOf("let backend = ");
    change(server, uri, 4, new TextDocumentContentChangeEvent(
        new Range(position(text, letBackend), position(text, letBackend + "let backend = ".length())),
        "let   backend=   "));
    List<? extends TextEdit> layout = server.getTextDocumentService().formatting(
        new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(2, true)))
        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(layout).singleElement().satisfies(e -> assertThat(e.getNewText()).isEqualTo(formatted));

    server.shutdown().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    server.exit();
    assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .as("the server ends after exit; stderr: %s", Files.readString(stderr)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
  }

  private static void change(LanguageServer server, String uri, int version,
      TextDocumentContentChangeEvent... changes) {
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uri, version), new ArrayList<>(List.of(changes))));
  }

  /** The LSP position of an offset (the runbook is ASCII: a column is a UTF-16 unit). */
  static Position position(String text, int offset) {
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, offset - lineStart);
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }
}
