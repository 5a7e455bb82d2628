package dev.chaos.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `chaos check` lexes with {@link ChaosTokenizer} and parses a valid file with
 * {@link HandParser}, and never initialises the generated lexer or parser, whose static
 * initialisers deserialise their automata (tens of milliseconds of every start): a static
 * field of ChaosLexer or ChaosParser other than a constant (VOCABULARY, ruleNames) would undo
 * that.
 */
class CheckSkipsGeneratedLexerTest {
  @Test
  void checkNeverInitialisesTheGeneratedLexerOrParser() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String surefire = System.getProperty("surefire.test.class.path");
    String classPath = surefire != null && !surefire.isBlank() ? surefire
        : System.getProperty("java.class.path");
    Process check = new ProcessBuilder(java, "-Xshare:off", "-Xlog:class+init=info", "-cp",
        classPath, "dev.chaos.cli.Main", "check", "runbooks/pod-failure.chaos")
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
    List<String> initialised = output.lines().filter(l -> l.contains("Initializing '")).toList();
    assertThat(initialised).anyMatch(l -> l.contains("'dev/chaos/syntax/ChaosTokenizer'"));
    assertThat(initialised).anyMatch(l -> l.contains("'dev/chaos/syntax/HandParser'"));
    // the parse tree's classes are nested in ChaosParser; the class itself is not initialised
    assertThat(initialised)
        .anyMatch(l -> l.contains("'dev/chaos/syntax/grammar/ChaosParser$ProgramContext'"));
    assertThat(initialised).noneMatch(l -> l.contains("'dev/chaos/syntax/grammar/ChaosParser'"));
    assertThat(initialised).noneMatch(l -> l.contains("'dev/chaos/syntax/grammar/ChaosLexer'"));
  }
}
