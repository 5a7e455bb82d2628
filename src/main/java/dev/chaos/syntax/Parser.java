package dev.chaos.syntax;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.SourceFile;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.grammar.ChaosLexer;
import dev.chaos.syntax.grammar.ChaosParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses one `.chaos` file. Never throws: every problem becomes a diagnostic and the program
 * has {@link dev.chaos.syntax.ast.Expr.Error} nodes where the input was broken.
 *
 * <p>Parsing runs in two stages, as Trino's SqlParser: the fast SLL mode with bail-out first
 * (enough for every valid program of this grammar), and only when that fails a rewind and a
 * full LL parse with error recovery, which collects the syntax errors.
 */
public final class Parser {
  private Parser() {}

  public static ParseResult parse(SourceFile file) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    Spans spans = new Spans(file);
    Program program;
    try {
      program = parse(spans, diagnostics);
    } catch (StackOverflowError e) {
      // The nesting limit should make this unreachable; it is the last line of defence.
      diagnostics.add(Diagnostic.of(Code.CH0012, spans.at(0), "nesting too deep")
          .withLabel("this file nests too deeply to parse"));
      program = empty(spans);
    } catch (RuntimeException e) {
      diagnostics.add(Diagnostic.of(Code.CH0010, spans.at(0), "the parser failed on this file")
          .withLabel(String.valueOf(e))
          .withHelp("this is a bug in chaos: please report it with the file"));
      program = empty(spans);
    }
    // one lambda of ours, not Comparator's combinators: those spin classes at every start
    diagnostics.sort((a, b) -> a.span().start() != b.span().start()
        ? Integer.compare(a.span().start(), b.span().start())
        : Integer.compare(a.span().end(), b.span().end()));
    return new ParseResult(program, diagnostics);
  }

  private static Program parse(Spans spans, List<Diagnostic> diagnostics) {
    ChaosLexer lexer = new KeywordLexer(CharStreams.fromString(spans.file().text(), spans.file().path()));
    lexer.removeErrorListeners();
    lexer.addErrorListener(new LexerErrors(spans, diagnostics));
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();

    boolean unterminated = LexicalCheck.check(tokens.getTokens(), spans, diagnostics);
    List<Token> code = new ArrayList<>();
    for (Token t : tokens.getTokens()) {
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        code.add(t);
      }
    }
    if (NestingLimit.exceeded(code, spans, diagnostics)) {
      return empty(spans);
    }
    StatementTypos.fix(code, spans, diagnostics);

    ChaosParser parser = new ChaosParser(tokens);
    parser.removeErrorListeners();
    ChaosParser.ProgramContext tree;
    try {
      parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
      parser.setErrorHandler(new BailErrorStrategy());
      tree = parser.program();
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      List<Diagnostic> syntax = new ArrayList<>();
      parser.setErrorHandler(new ChaosErrorStrategy(spans, syntax));
      tree = parser.program();
      int endOfCode = endOfCode(code, spans);
      for (Diagnostic d : syntax) {
        // A string or comment that runs to the end of the file explains the errors found there.
        if (!(unterminated && d.span().start() >= endOfCode)) {
          diagnostics.add(d);
        }
      }
    }
    return new AstBuilder(spans, diagnostics).program(tree);
  }

  private static int endOfCode(List<Token> code, Spans spans) {
    for (int i = code.size() - 1; i >= 0; i--) {
      if (code.get(i).getType() != Token.EOF) {
        return spans.end(code.get(i));
      }
    }
    return 0;
  }

  private static Program empty(Spans spans) {
    return new Program(spans.whole(), spans.file(), List.of(), List.of());
  }

  /** The lexer has a catch-all rule in every mode, so this only guards against surprises. */
  private static final class LexerErrors extends BaseErrorListener {
    private final Spans spans;
    private final List<Diagnostic> out;

    LexerErrors(Spans spans, List<Diagnostic> out) {
      this.spans = spans;
      this.out = out;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
        int charPositionInLine, String msg, RecognitionException e) {
      int at = e instanceof LexerNoViableAltException
          ? spans.offset(((LexerNoViableAltException) e).getStartIndex()) : 0;
      out.add(Diagnostic.of(Code.CH0001, new dev.chaos.source.Span(spans.file(), at,
          Math.min(at + 1, spans.file().text().length())), "invalid character")
          .withLabel("not part of the language"));
    }
  }
}
