package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.cli.ChildJvmCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `chaos check` starts without the language server: not one class of lsp4j or of
 * `dev.chaos.lsp` is loaded by a check (its start-up time is measured, docs/performance.md).
 */
class CheckLoadsNoLspTest {
  @Test
  void checkLoadsNoLanguageServerClass() throws Exception {
    List<String> loaded = ChildJvmCheck.output("-verbose:class").lines()
        .filter(l -> l.contains("[class,load]")).toList();
    assertThat(loaded).anyMatch(l -> l.contains("dev.chaos.check.Checker "));
    assertThat(loaded).noneMatch(l -> l.contains("org.eclipse.lsp4j") || l.contains("dev.chaos.lsp.")
        || l.contains("com.google.gson"));
  }
}
