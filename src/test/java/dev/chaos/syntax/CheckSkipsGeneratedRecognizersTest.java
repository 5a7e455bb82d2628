package dev.chaos.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.cli.ChildJvmCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `chaos check` lexes with {@link ChaosTokenizer} and parses a valid file with
 * {@link HandParser}, and never initialises the generated lexer or parser, whose static
 * initialisers deserialise their automata (tens of milliseconds of every start): a static
 * field of ChaosLexer or ChaosParser other than a constant (VOCABULARY, ruleNames) would undo
 * that.
 */
class CheckSkipsGeneratedRecognizersTest {
  @Test
  void checkNeverInitialisesTheGeneratedLexerOrParser() throws Exception {
    List<String> initialised = ChildJvmCheck.output("-Xlog:class+init=info").lines()
        .filter(l -> l.contains("Initializing '")).toList();
    assertThat(initialised).anyMatch(l -> l.contains("'dev/chaos/syntax/ChaosTokenizer'"));
    assertThat(initialised).anyMatch(l -> l.contains("'dev/chaos/syntax/HandParser'"));
    // the parse tree's classes are nested in ChaosParser; the class itself is not initialised
    assertThat(initialised)
        .anyMatch(l -> l.contains("'dev/chaos/syntax/grammar/ChaosParser$ProgramContext'"));
    assertThat(initialised).noneMatch(l -> l.contains("'dev/chaos/syntax/grammar/ChaosParser'"));
    assertThat(initialised).noneMatch(l -> l.contains("'dev/chaos/syntax/grammar/ChaosLexer'"));
  }
}
