package dev.chaos.lsp;

import dev.chaos.check.CheckedProgram;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs every analysis on one thread. A change is checked after a short quiet time (a burst of
 * keystrokes is checked once, at its last version); a newer change cancels the check still
 * waiting for an older one. A request (hover, completion, ...) gets the analysis of the text as
 * it is now, checked at once if the latest one is older. Each analysis computed is handed to
 * {@code published} (diagnostics), unless a newer version of the document came meanwhile; a
 * closed document is handed to {@code cleared} (its diagnostics go away with it). When a
 * document changes, the open documents that import it, directly or not, are checked again too.
 */
final class AnalysisScheduler implements AutoCloseable {
  static final long DEBOUNCE_MS = 75;

  private final Documents documents;
  private final Analyzer analyzer;
  private final Consumer<Analysis> published;
  private final Consumer<String> cleared;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chaos-lsp-analysis");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();
  private final Map<String, Analysis> latest = new ConcurrentHashMap<>();

  AnalysisScheduler(Documents documents, Analyzer analyzer, Consumer<Analysis> published,
      Consumer<String> cleared) {
    this.documents = documents;
    this.analyzer = analyzer;
    this.published = published;
    this.cleared = cleared;
  }

  /** The document changed (or was opened): check it once the typing pauses. */
  void changed(String uri) {
    ScheduledFuture<?> next = thread.schedule(() -> {
      waiting.remove(uri);
      Analysis known = latest.get(uri);
      Analysis now = current(uri);
      if (now != null && now != known) {
        recheckImporters(now);
      }
    }, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> older = waiting.put(uri, next);
    if (older != null) {
      older.cancel(false);
    }
  }

  /** The analysis of the document as it is now; null when it is not open. */
  CompletableFuture<Analysis> analysis(String uri) {
    Analysis known = latest.get(uri);
    Documents.Open doc = documents.get(uri);
    if (doc == null) {
      return CompletableFuture.completedFuture(null);
    }
    if (known != null && known.version() == doc.version()) {
      return CompletableFuture.completedFuture(known);
    }
    return CompletableFuture.supplyAsync(() -> current(uri), thread);
  }

  /** The latest analysis of every open document, for searches across them. */
  Iterable<Analysis> all() {
    return latest.values();
  }

  /** The document was closed: forget it, and its diagnostics. */
  void closed(String uri) {
    ScheduledFuture<?> older = waiting.remove(uri);
    if (older != null) {
      older.cancel(false);
    }
    thread.execute(() -> {
      latest.remove(uri);
      if (documents.get(uri) == null) {
        cleared.accept(uri);
      }
    });
  }

  /**
   * On the analysis thread, after {@code changed} was analysed: the other open documents whose
   * checks read it as a module are analysed again, once each (not passed on further, so an
   * import cycle cannot loop).
   */
  private void recheckImporters(Analysis changed) {
    String path = changed.source().path();
    for (Analysis other : List.copyOf(latest.values())) {
      if (!other.uri().equals(changed.uri()) && imports(other.program(), path,
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()))) {
        latest.remove(other.uri());
        current(other.uri());
      }
    }
  }

  private static boolean imports(CheckedProgram program, String path, Set<CheckedProgram> seen) {
    for (CheckedProgram module : program.modules().values()) {
      if (seen.add(module) && (module.source().path().equals(path) || imports(module, path, seen))) {
        return true;
      }
    }
    return false;
  }

  /** On the analysis thread: the analysis of the current text, computed if it is stale. */
  private Analysis current(String uri) {
    Documents.Open doc = documents.get(uri);
    if (doc == null) {
      return null;
    }
    Analysis known = latest.get(uri);
    if (known != null && known.version() == doc.version() && known.source().text().equals(doc.text())) {
      return known;
    }
    Analysis fresh = analyzer.analyze(uri, doc.version(), doc.text());
    latest.put(uri, fresh);
    Documents.Open now = documents.get(uri);
    if (now != null && now.version() == fresh.version()) {
      published.accept(fresh);
    }
    return fresh;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
