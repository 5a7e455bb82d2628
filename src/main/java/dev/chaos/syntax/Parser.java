package dev.chaos.syntax;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.SourceFile;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.grammar.ChaosLexer;
import dev.chaos.syntax.grammar.ChaosParser;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses one `.chaos` file. Never throws: every problem becomes a diagnostic and the program
 * has {@link dev.chaos.syntax.ast.Expr.Error} nodes where the input was broken.
 *
 * <p>Parsing runs in stages: {@link HandParser}, a recursive-descent parser that builds the
 * same parse tree as the generated parser without initialising it (its automaton costs
 * start-up time) and gives up wherever it is not sure; then, as Trino's SqlParser, the
 * generated parser's fast SLL mode with bail-out (enough for every valid program of this
 * grammar), and only when that fails a rewind and a full LL parse with error recovery, which
 * collects the syntax errors.
 *
 * <p>Before parsing, recovery repairs the token list so that a syntax error costs at most its
 * declaration or section: an unclosed text block ends before the code after it
 * ({@link TextBlockCut}), brackets an open string took are given back ({@link StringClosers}),
 * brackets left open before a line that can only start a section or declaration are closed
 * ({@link UnclosedBrackets}), and reserved words declared as names are read as names
 * ({@link ReservedNames}). A valid file goes through these unchanged.
 */
public final class Parser {
  /** Parses after the first that read a reserved word as a name; each pass finds more uses. */
  private static final int MAX_PASSES = 4;

  private Parser() {}

  public static ParseResult parse(SourceFile file) {
    return parse(file, true);
  }

  /** As {@link #parse(SourceFile)}; without {@code handParser} as if it always gave up. */
  static ParseResult parse(SourceFile file, boolean handParser) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    Spans spans = new Spans(file);
    Program program;
    try {
      program = parse(spans, diagnostics, handParser);
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

  private static Program parse(Spans spans, List<Diagnostic> diagnostics, boolean handParser) {
    Repaired repaired = repair(spans, diagnostics);
    if (repaired == null) {
      return empty(spans);
    }
    ChaosParser.ProgramContext tree = handParser
        ? HandParser.program(repaired.code(), repaired.sectionStarts()) : null;
    if (tree == null) {
      tree = parseWithAntlr(repaired, spans, diagnostics);
    }
    for (UnclosedBrackets.Closed c : repaired.closed()) {
      diagnostics.add(c.diagnostic());
    }
    return new AstBuilder(spans, diagnostics).program(tree);
  }

  /**
   * The tokens after the repairs, as the parsers read them: {@code code} is the default channel
   * of {@code tokens}; the rest is what the error reporting needs.
   */
  record Repaired(CommonTokenStream tokens, List<Token> code, BitSet sectionStarts,
      boolean unterminated, List<UnclosedBrackets.Closed> closed, Set<String> declaredReserved) {}

  /** Lexes and repairs the tokens; null when the file nests too deeply to parse (reported). */
  static Repaired repair(Spans spans, List<Diagnostic> diagnostics) {
    // The lexer never fails (every character is part of some token): LexicalCheck reports
    // the bad ones.
    CommonTokenStream tokens = lex(spans, -1);
    Token openText = unclosedTextBlock(tokens.getTokens());
    if (openText != null) {
      int cut = TextBlockCut.find(spans.file().text(), spans.start(openText));
      if (cut >= 0) {
        // Lexed again with the block ended where the code after it starts; reported here, as
        // the lexer now sees the block closed.
        tokens = lex(spans, cut);
        StringClosers.closeAfterCutTextBlock(tokens.getTokens());
        int line = lineAt(spans.file().text(), cut);
        diagnostics.add(Diagnostic.of(Code.CH0002, spans.of(openText), "unterminated text block")
            .withLabel("text block starts here and is never closed")
            .withHelp("close the text block with `\"\"\"`; it is read as ending before line " + line));
      }
    }

    boolean unterminated = LexicalCheck.check(tokens.getTokens(), spans, diagnostics);
    StringClosers.giveBack(tokens.getTokens());
    List<UnclosedBrackets.Closed> closed = new ArrayList<>();
    UnclosedBrackets.close(tokens.getTokens(), spans, closed);
    List<Token> code = new ArrayList<>();
    for (Token t : tokens.getTokens()) {
      if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        code.add(t);
      }
    }
    if (NestingLimit.exceeded(code, spans, diagnostics)) {
      return null;
    }
    StatementTypos.fix(code, spans, diagnostics);
    Set<String> declaredReserved = ReservedNames.fix(code, spans, diagnostics);
    return new Repaired(tokens, code, UnclosedBrackets.sectionStarts(tokens.getTokens()),
        unterminated, closed, declaredReserved);
  }

  /** The SLL parse, and where it fails the LL parse with error recovery, which reports. */
  private static ChaosParser.ProgramContext parseWithAntlr(Repaired repaired, Spans spans,
      List<Diagnostic> diagnostics) {
    CommonTokenStream tokens = repaired.tokens();
    ChaosParser parser = new ChaosParser(tokens);
    parser.sectionStarts = repaired.sectionStarts();
    parser.removeErrorListeners();
    ChaosParser.ProgramContext tree;
    try {
      tree = ConcreteTrees.sll(parser);
    } catch (ParseCancellationException e) {
      List<Diagnostic> syntax = new ArrayList<>();
      tree = parseWithRecovery(parser, tokens, spans, repaired.declaredReserved(), syntax);
      int endOfCode = endOfCode(repaired.code(), spans);
      repaired.closed().removeIf(c -> c.tentative() && syntax.stream().anyMatch(d -> d.span().start()
          >= c.diagnostic().span().start() && d.span().start() < c.until()));
      for (Diagnostic d : syntax) {
        // A string or comment that runs to the end of the file explains the errors found there.
        if (!(repaired.unterminated() && d.span().start() >= endOfCode)) {
          diagnostics.add(d);
        }
      }
    }
    return tree;
  }

  private static CommonTokenStream lex(Spans spans, int textBlockCut) {
    String text = spans.file().text();
    ChaosTokenizer lexer = new ChaosTokenizer(text, spans.file().path());
    if (textBlockCut >= 0) {
      lexer.cutTextBlockAt(text.codePointCount(0, textBlockCut), lineAt(text, textBlockCut));
    }
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    return tokens;
  }

  /** The outermost text block still open at the end of the file, or null. */
  private static Token unclosedTextBlock(List<Token> tokens) {
    Token open = null;
    int depth = 0;
    for (Token t : tokens) {
      if (t.getType() == ChaosLexer.TEXT_OPEN && depth++ == 0) {
        open = t;
      } else if (t.getType() == ChaosLexer.TEXT_CLOSE && depth > 0) {
        depth--;
      }
    }
    return depth > 0 ? open : null;
  }

  /** The 1-based line of a char offset. */
  private static int lineAt(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * The full LL parse with error recovery. Where a reserved word declared as a name (see
   * {@link ReservedNames}) broke the parse at a use, the word is read as that name and the file
   * parsed again, up to a few times; only the last parse's errors count.
   */
  private static ChaosParser.ProgramContext parseWithRecovery(ChaosParser parser,
      CommonTokenStream tokens, Spans spans, Set<String> declaredReserved, List<Diagnostic> syntax) {
    List<Token> all = tokens.getTokens();
    int[] types = new int[all.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = all.get(i).getType();
    }
    Set<Integer> asNames = new HashSet<>();
    for (int pass = 0; ; pass++) {
      for (int i = 0; i < types.length; i++) {
        ((WritableToken) all.get(i)).setType(asNames.contains(i) ? ChaosLexer.IDENT : types[i]);
      }
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      syntax.clear();
      Set<Integer> found = new HashSet<>();
      parser.setErrorHandler(new ChaosErrorStrategy(spans, syntax, declaredReserved, found));
      ChaosParser.ProgramContext tree = parser.program();
      if (!asNames.addAll(found) || pass == MAX_PASSES) {
        return tree;
      }
    }
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
}
