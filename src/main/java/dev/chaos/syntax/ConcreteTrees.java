package dev.chaos.syntax;

import dev.chaos.source.SourceFile;
import dev.chaos.syntax.grammar.ChaosParser;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The tokens and the parse tree of a file as the parser reads them, for tools that print code
 * as written (`chaos fmt`): keywords typed by spelling, comments on their channel. Meant for
 * files without syntax errors; {@link Parser} reports those.
 */
public final class ConcreteTrees {
  private ConcreteTrees() {}

  /** Every token of {@code file}, of every channel, keywords typed; lexical errors ignored. */
  public static CommonTokenStream tokens(SourceFile file) {
    CommonTokenStream tokens = new CommonTokenStream(new ChaosTokenizer(file.text(), file.path()));
    tokens.fill();
    return tokens;
  }

  /**
   * The parse tree of {@code tokens}: {@link HandParser} first, then SLL prediction, full LL
   * only where SLL fails. No word is a section start here (the parser's default), as the file
   * is meant to have no syntax errors.
   *
   * @throws ParseCancellationException at the first syntax error
   */
  public static ChaosParser.ProgramContext program(CommonTokenStream tokens) {
    tokens.fill();
    List<Token> code = new ArrayList<>();
    for (Token t : tokens.getTokens()) {
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        code.add(t);
      }
    }
    ChaosParser.ProgramContext tree = HandParser.program(code, new BitSet());
    if (tree != null) {
      return tree;
    }
    ChaosParser parser = new ChaosParser(tokens);
    parser.removeErrorListeners();
    try {
      return sll(parser);
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      return parser.program();
    }
  }

  /** Parses with SLL prediction, giving up at the first error (most files never need LL). */
  static ChaosParser.ProgramContext sll(ChaosParser parser) {
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    return parser.program();
  }
}
