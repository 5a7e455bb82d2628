package dev.chaos.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.syntax.grammar.ChaosParser;
import org.antlr.v4.runtime.Vocabulary;
import org.junit.jupiter.api.Test;

/**
 * {@link Tokens} reads the vocabulary from the `.tokens` file the ANTLR plugin writes, so that
 * a check need not initialise the generated parser: it is the parser's vocabulary, name for
 * name.
 */
class TokensAgreeWithGrammarTest {
  @Test
  void theVocabularyIsTheGeneratedParsers() {
    Vocabulary grammar = ChaosParser.VOCABULARY;
    assertThat(Tokens.MAX_TYPE).isEqualTo(grammar.getMaxTokenType());
    assertThat(Tokens.VOCABULARY.getMaxTokenType()).isEqualTo(grammar.getMaxTokenType());
    for (int type = 0; type <= grammar.getMaxTokenType(); type++) {
      assertThat(Tokens.VOCABULARY.getLiteralName(type)).as("literal name of " + type)
          .isEqualTo(grammar.getLiteralName(type));
      assertThat(Tokens.VOCABULARY.getSymbolicName(type)).as("symbolic name of " + type)
          .isEqualTo(grammar.getSymbolicName(type));
      assertThat(Tokens.VOCABULARY.getDisplayName(type)).as("display name of " + type)
          .isEqualTo(grammar.getDisplayName(type));
    }
  }
}
