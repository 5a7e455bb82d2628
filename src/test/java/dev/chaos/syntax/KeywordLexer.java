package dev.chaos.syntax;

import dev.chaos.syntax.grammar.ChaosLexer;
import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * The generated lexer with keywords recognised by spelling, and the text block cut of
 * {@link ChaosTokenizer}: the oracle that the hand-written lexer is held to (see
 * TokenizerAgreesWithGrammarTest). The grammar lexes every word as an IDENT.
 */
final class KeywordLexer extends ChaosLexer {
  private static final Map<String, Integer> KEYWORDS = new HashMap<>();

  static {
    for (int type = 1; type <= VOCABULARY.getMaxTokenType(); type++) {
      if (Tokens.has(Tokens.RESERVED, type) || Tokens.has(Tokens.CONTEXTUAL, type)) {
        KEYWORDS.put(Tokens.literal(type), type);
      }
    }
  }

  /** Code-point index where an unclosed text block is ended (see {@link TextBlockCut}), or -1. */
  private int textBlockCut = -1;
  private int textBlockCutLine;

  KeywordLexer(CharStream input) {
    super(input);
  }

  /** Ends the text block open at {@code index} with an empty `"""` there; {@code line} is its line. */
  void cutTextBlockAt(int index, int line) {
    textBlockCut = index;
    textBlockCutLine = line;
  }

  @Override
  public Token nextToken() {
    if (textBlockCut >= 0 && _mode == TEXT_BLOCK && _input.index() >= textBlockCut) {
      textBlockCut = -1;
      popMode();
      return _factory.create(_tokenFactorySourcePair, TEXT_CLOSE, "", Token.DEFAULT_CHANNEL,
          _input.index(), _input.index() - 1, getLine(), getCharPositionInLine());
    }
    Token token = super.nextToken();
    if (textBlockCut >= 0 && token.getType() == TEXT_CHARS && token.getStartIndex() < textBlockCut
        && token.getStopIndex() >= textBlockCut) {
      ((CommonToken) token).setStopIndex(textBlockCut - 1);
      _input.seek(textBlockCut);
      _hitEOF = false; // set when the block's text reached the end of the file
      getInterpreter().setLine(textBlockCutLine);
      getInterpreter().setCharPositionInLine(0);
    }
    if (token.getType() == IDENT) {
      Integer keyword = KEYWORDS.get(token.getText());
      if (keyword != null) {
        ((WritableToken) token).setType(keyword);
      }
    }
    return token;
  }
}
