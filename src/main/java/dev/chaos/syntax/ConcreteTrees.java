package dev.chaos.syntax;

import dev.chaos.source.SourceFile;
import dev.chaos.syntax.grammar.ChaosParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
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
   * The parse tree of {@code tokens}: SLL prediction first, full LL only where SLL fails.
   *
   * @throws ParseCancellationException at the first syntax error
   */
  public static ChaosParser.ProgramContext program(CommonTokenStream tokens) {
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
