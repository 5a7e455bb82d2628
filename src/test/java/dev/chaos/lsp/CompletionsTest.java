package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionsTest {
  @TempDir
  Path dir;

  /** Completion at `|` in the runbook where {@code edit} replaces {@code original}. */
  private List<CompletionItem> complete(String original, String edit) throws IOException {
    String text = FeaturesFixture.RUNBOOK.replace(original, edit);
    int offset = text.indexOf('|');
    text = text.replace("|", "");
    Analysis analysis = new FeaturesFixture(dir).analysis(text);
    return Completions.at(analysis, offset, LspFixtures.DRIVERS);
  }

  private static List<String> labels(List<CompletionItem> items) {
    return items.stream().map(CompletionItem::getLabel).toList();
  }

  @Test
  void driverFunctionsAfterTheNamespace() throws IOException {
    List<CompletionItem> items = complete("log \"killed", "k8s.|\n      log \"killed");
    assertThat(labels(items)).contains("kill_pods", "pods", "rollout_restart").doesNotContain("backend");
    CompletionItem kill = items.stream().filter(i -> i.getLabel().equals("kill_pods")).findFirst()
        .orElseThrow();
    assertThat(kill.getDetail()).startsWith("k8s.kill_pods(selector, fraction: | count:");
  }

  @Test
  void moduleMembersAfterTheAlias() throws IOException {
    assertThat(labels(complete("log \"killed", "lib.fa|\n      log \"killed")))
        .containsExactlyInAnyOrder("failure_rate", "restart", "namespace");
  }

  @Test
  void recordFieldsAfterAValue() throws IOException {
    assertThat(labels(complete("log \"killed", "let p = k8s.pods(backend)\n      log \"${p.|}\"\n      log \"killed")))
        .contains("ready", "total");
  }

  @Test
  void namedArgumentsInsideACallWithTheirTypes() throws IOException {
    List<CompletionItem> items = complete("k8s.kill_pods(backend, fraction: 30%)",
        "k8s.kill_pods(backend, |)");
    assertThat(labels(items)).contains("fraction:", "count:", "cluster:").contains("backend");
    assertThat(items.stream().filter(i -> i.getLabel().equals("fraction:")).findFirst().orElseThrow()
        .getDetail()).isEqualTo("Percent");
    // an argument already given is not offered again
    assertThat(labels(complete("k8s.kill_pods(backend, fraction: 30%)",
        "k8s.kill_pods(backend, fraction: 30%, |)"))).doesNotContain("fraction:");
    // a user function's parameters, by name
    assertThat(labels(complete("lib.failure_rate()", "lib.failure_rate(|)"))).contains("window:");
  }

  @Test
  void sectionKeywordsAndAttributesInTheRunbookBody() throws IOException {
    assertThat(labels(complete("  rollback {", "  |\n  rollback {")))
        .contains("step", "guard", "verify", "on abort", "precondition", "title", "max_duration",
            "schedule")
        .doesNotContain("expect");
  }

  @Test
  void statementKeywordsAndNamesInABlock() throws IOException {
    List<String> labels = labels(complete("    log \"killed", "    |\n    log \"killed"));
    assertThat(labels).contains("expect", "wait until", "let", "for", "killed", "backend", "double",
        "lib", "k8s", "len", "runbook").doesNotContain("step", "warn when");
    assertThat(labels(complete("expect lib.failure_rate", "|\n    expect lib.failure_rate")))
        .contains("warn when", "abort when");
  }

  /** While a word is half typed the file does not parse; the context still holds. */
  @Test
  void halfTypedWords() throws IOException {
    assertThat(labels(complete("  rollback {", "  ste|\n  rollback {"))).contains("step", "verify");
    assertThat(labels(complete("    log \"killed", "    exp|\n    log \"killed")))
        .contains("expect", "killed");
    assertThat(labels(complete("k8s.kill_pods(backend, fraction: 30%)\n", "k8s.kill_pods(backend, |\n")))
        .contains("fraction:", "count:");
    // the editor filters by the word typed so far; all the driver's functions are offered
    assertThat(labels(complete("k8s.kill_pods(", "k8s.kill_p|("))).contains("kill_pods", "pods");
  }

  @Test
  void declarationsAtTheTopLevel() throws IOException {
    assertThat(labels(complete("fn double", "|\nfn double")))
        .contains("import", "fn", "action", "runbook", "let");
  }
}
