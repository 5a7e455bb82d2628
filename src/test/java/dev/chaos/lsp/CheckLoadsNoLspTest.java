package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `chaos check` starts without the language server: not one class of lsp4j or of
 * `dev.chaos.lsp` is loaded by a check (its start-up time is measured, docs/performance.md).
 */
class CheckLoadsNoLspTest {
  @Test
  void checkLoadsNoLanguageServerClass() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String surefire = System.getProperty("surefire.test.class.path");
    String classPath = surefire != null && !surefire.isBlank() ? surefire
        : System.getProperty("java.class.path");
    Process check = new ProcessBuilder(java, "-Xshare:off", "-verbose:class", "-cp", classPath,
        "dev.chaos.cli.Main", "check", "runbooks/pod-failure.chaos")
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
    List<String> loaded = output.lines().filter(l -> l.contains("[class,load]")).toList();
    assertThat(loaded).anyMatch(l -> l.contains("dev.chaos.check.Checker "));
    assertThat(loaded).noneMatch(l -> l.contains("org.eclipse.lsp4j") || l.contains("dev.chaos.lsp.")
        || l.contains("com.google.gson"));
  }
}
