package dev.chaos.lsp;

import dev.chaos.spi.DriverRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The `textDocument/*` half of the server: keeps the open documents in step, schedules their
 * analysis, and answers each request from the analysis of the text as it is now.
 */
final class ChaosTextDocuments implements TextDocumentService {
  private final Documents documents;
  private final AnalysisScheduler scheduler;
  private final DriverRegistry drivers;

  ChaosTextDocuments(Documents documents, AnalysisScheduler scheduler, DriverRegistry drivers) {
    this.documents = documents;
    this.scheduler = scheduler;
    this.drivers = drivers;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var doc = params.getTextDocument();
    documents.open(doc.getUri(), doc.getVersion(), doc.getText());
    scheduler.changed(doc.getUri());
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    Integer version = params.getTextDocument().getVersion();
    Documents.Open before = documents.get(uri);
    int next = version != null ? version : before == null ? 0 : before.version() + 1;
    if (documents.change(uri, next, params.getContentChanges()) != null) {
      scheduler.changed(uri);
    }
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    documents.close(uri);
    scheduler.closed(uri);
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // the open buffer is already what the checker reads; a save changes nothing it sees
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return withAnalysis(params.getTextDocument().getUri(), a ->
        Hovers.at(a, Positions.offset(a.source(), params.getPosition()), drivers));
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    return withAnalysis(params.getTextDocument().getUri(), a -> Either.forRight(
        new CompletionList(false,
            Completions.at(a, Positions.offset(a.source(), params.getPosition()), drivers))));
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>>
      definition(DefinitionParams params) {
    return withAnalysis(params.getTextDocument().getUri(), a -> Either.forLeft(
        Targets.at(a, Positions.offset(a.source(), params.getPosition()), drivers)
            .map(Definitions::definition).orElse(List.of())));
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    boolean withDeclaration = params.getContext() == null
        || params.getContext().isIncludeDeclaration();
    return withAnalysis(params.getTextDocument().getUri(), a ->
        Targets.at(a, Positions.offset(a.source(), params.getPosition()), drivers)
            .map(t -> Definitions.references(t, a, scheduler.all(), withDeclaration))
            .orElse(List.of()));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
      DocumentSymbolParams params) {
    return withAnalysis(params.getTextDocument().getUri(), a ->
        Symbols.of(a.program().program()).stream()
            .map(Either::<SymbolInformation, DocumentSymbol>forRight).toList());
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return withAnalysis(params.getTextDocument().getUri(), a ->
        CodeActions.in(a, params.getRange()));
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
    return withAnalysis(params.getTextDocument().getUri(), Formatting::edits);
  }

  private <T> CompletableFuture<T> withAnalysis(String uri, Function<Analysis, T> answer) {
    return scheduler.analysis(uri).thenApply(a -> a == null ? null : answer.apply(a));
  }
}
