package dev.chaos.lsp;

import dev.chaos.check.CheckOptions;
import dev.chaos.spi.DriverRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The lifecycle of `chaos lsp`: `initialize` answers what the server can do, diagnostics are
 * published as documents are analysed, `shutdown` stops the analysis, and `exit` ends the
 * process: with 0 after a `shutdown`, 1 without one, as the protocol says.
 */
final class ChaosLanguageServer implements LanguageServer, LanguageClientAware {
  private final Documents documents = new Documents();
  private final Analyzer analyzer;
  private final AnalysisScheduler scheduler;
  private final ChaosTextDocuments textDocuments;
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private volatile LanguageClient client;
  private volatile boolean shutdown;

  ChaosLanguageServer(DriverRegistry drivers) {
    this.analyzer = new Analyzer(drivers, CheckOptions.defaults(), this::openText);
    this.scheduler = new AnalysisScheduler(documents, analyzer, this::publish, this::clear);
    this.textDocuments = new ChaosTextDocuments(documents, scheduler, drivers);
  }

  /** The text of an open document by absolute path: imports read it before the disk. */
  private String openText(String path) {
    for (Documents.Open doc : documents.all()) {
      if (Uris.path(doc.uri()).equals(path)) {
        return doc.text();
      }
    }
    return null;
  }

  private void publish(Analysis analysis) {
    LanguageClient to = client;
    if (to != null && !shutdown) {
      to.publishDiagnostics(new PublishDiagnosticsParams(analysis.uri(),
          analysis.diagnostics().stream().map(LspDiagnostics::of).toList(), analysis.version()));
    }
  }

  private void clear(String uri) {
    LanguageClient to = client;
    if (to != null && !shutdown) {
      to.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    analyzer.options(Settings.checkOptions(params.getInitializationOptions()));
    ServerCapabilities capabilities = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    capabilities.setTextDocumentSync(sync);
    capabilities.setHoverProvider(true);
    capabilities.setCompletionProvider(new CompletionOptions(false, List.of(".", "(")));
    capabilities.setDefinitionProvider(true);
    capabilities.setReferencesProvider(true);
    capabilities.setDocumentSymbolProvider(true);
    capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    if (Formatting.available()) {
      capabilities.setDocumentFormattingProvider(true);
    }
    return CompletableFuture.completedFuture(
        new InitializeResult(capabilities, new ServerInfo("chaos", version())));
  }

  private static String version() {
    String v = ChaosLanguageServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    scheduler.close();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    scheduler.close();
    exitCode.complete(shutdown ? 0 : 1);
  }

  /** Completes with the process's exit code when the client sends `exit`. */
  CompletableFuture<Integer> exitCode() {
    return exitCode;
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return textDocuments;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return new WorkspaceService() {
      @Override
      public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // no settings yet
      }

      @Override
      public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // a module changed on disk: the next analysis compares its text and re-reads it
      }
    };
  }
}
