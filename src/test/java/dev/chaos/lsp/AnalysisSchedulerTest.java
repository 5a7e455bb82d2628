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
}
