package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** Debounced, superseded, and a request always sees the text as it is. */
class AnalysisSchedulerTest {
  private static final String URI = "untitled:scratch.chaos";

  @Test
  void aBurstOfChangesIsCheckedOnceAtItsLastVersion() {
    Documents documents = new Documents();
    List<Analysis> published = new CopyOnWriteArrayList<>();
    List<String> cleared = new CopyOnWriteArrayList<>();
    try (AnalysisScheduler scheduler = new AnalysisScheduler(documents, LspFixtures.analyzer(),
        published::add, cleared::add)) {
      documents.open(URI, 0, "let a = 1\n");
      scheduler.changed(URI);
      for (int v = 1; v <= 30; v++) {
        documents.change(URI, v, List.of(new TextDocumentContentChangeEvent(
            new Range(new Position(0, 8), new Position(0, 9)), String.valueOf(v % 10))));
        scheduler.changed(URI);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> !published.isEmpty()
          && published.get(published.size() - 1).version() == 30);
      // only the versions whose quiet time passed were checked, each newer than the one before
      assertThat(published.size()).isLessThan(31);
      for (int i = 1; i < published.size(); i++) {
        assertThat(published.get(i).version()).isGreaterThan(published.get(i - 1).version());
      }
      documents.close(URI);
      scheduler.closed(URI);
      await().atMost(Duration.ofSeconds(60)).until(() -> cleared.contains(URI));
    }
  }

  @Test
  void aRequestSeesTheLatestTextAtOnce() throws Exception {
    Documents documents = new Documents();
    List<Analysis> published = new CopyOnWriteArrayList<>();
    try (AnalysisScheduler scheduler = new AnalysisScheduler(documents, LspFixtures.analyzer(),
        published::add, uri -> { })) {
      documents.open(URI, 1, "let a = 1\n");
      scheduler.changed(URI);
      documents.change(URI, 2, List.of(new TextDocumentContentChangeEvent("let a = undefined_thing\n")));
      scheduler.changed(URI);
      Analysis now = scheduler.analysis(URI).get(60, TimeUnit.SECONDS);
      assertThat(now.version()).isEqualTo(2);
      assertThat(now.diagnostics()).extracting(d -> d.code().name()).containsExactly("CH0201");
      assertThat(scheduler.analysis(URI).get(60, TimeUnit.SECONDS)).isSameAs(now);
    }
  }

  /** Renaming a function in an open module re-checks the open runbook that calls it. */
  @Test
  void anImporterIsCheckedAgainWhenItsModuleChanges(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    FeaturesFixture fixture = new FeaturesFixture(dir);
    String moduleUri = fixture.module.toUri().toString();
    String runbookUri = fixture.runbook.toUri().toString();
    Documents documents = new Documents();
    List<Analysis> published = new CopyOnWriteArrayList<>();
    Analyzer analyzer = new Analyzer(LspFixtures.DRIVERS, dev.chaos.check.CheckOptions.defaults(),
        path -> {
          for (Documents.Open doc : documents.all()) {
            if (Uris.path(doc.uri()).equals(path)) {
              return doc.text();
            }
          }
          return null;
        });
    try (AnalysisScheduler scheduler = new AnalysisScheduler(documents, analyzer, published::add,
        uri -> { })) {
      documents.open(moduleUri, 1, FeaturesFixture.MODULE);
      documents.open(runbookUri, 1, FeaturesFixture.RUNBOOK);
      scheduler.changed(moduleUri);
      scheduler.changed(runbookUri);
      await().atMost(Duration.ofSeconds(60)).until(() -> published.stream()
          .anyMatch(a -> a.uri().equals(runbookUri)));
      assertThat(scheduler.analysis(runbookUri).get(60, TimeUnit.SECONDS).diagnostics()).isEmpty();
      documents.change(moduleUri, 2, List.of(new TextDocumentContentChangeEvent(
          FeaturesFixture.MODULE.replace("fn failure_rate(", "fn error_rate("))));
      scheduler.changed(moduleUri);
      await().atMost(Duration.ofSeconds(60)).until(() -> published.stream()
          .anyMatch(a -> a.uri().equals(runbookUri) && !a.diagnostics().isEmpty()));
      Analysis last = published.stream().filter(a -> a.uri().equals(runbookUri))
          .reduce((a, b) -> b).orElseThrow();
      assertThat(last.diagnostics()).extracting(dev.chaos.diag.Diagnostic::message)
          .containsExactly("unknown function `lib.failure_rate`");
    }
  }
}
