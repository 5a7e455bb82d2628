package dev.chaos.format;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.SourceFile;
import dev.chaos.syntax.ConcreteTrees;
import dev.chaos.syntax.ParseResult;
import dev.chaos.syntax.Parser;
import dev.chaos.syntax.grammar.ChaosParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * The canonical layout of a `.chaos` file ({@code chaos fmt}): two-space indentation, one
 * statement a line, single spaces around operators and after commas and colons, at most one
 * empty line kept where the author left some, and calls, lists, records and parameter lists
 * wrapped one item a line (with a trailing comma) when they do not fit in {@value #WIDTH}
 * columns. Strings, text blocks, numbers and comments are kept as written.
 *
 * <p>A file with syntax errors is left alone: its layout cannot be known. Every result is
 * parsed again and compared with the original, so formatting never changes what a file means
 * nor drops a comment; a result that would is refused as a bug (it never reaches the file).
 */
public final class Formatter {
  /** The line width that calls, lists and records are wrapped at. */
  public static final int WIDTH = 100;

  private Formatter() {}

  public static FormatResult format(SourceFile file) {
    ParseResult parsed = Parser.parse(file);
    if (parsed.hasErrors()) {
      List<Diagnostic> errors = parsed.diagnostics().stream().filter(Diagnostic::isError).toList();
      return new FormatResult(file.text(), false, errors);
    }
    String text;
    try {
      text = settled(file);
    } catch (RuntimeException | StackOverflowError e) {
      return refused(file, "the layout failed: " + e);
    }
    SourceFile result = new SourceFile(file.path(), text);
    ParseResult again = Parser.parse(result);
    Optional<String> problem = again.hasErrors()
        ? Optional.of("the result does not parse: " + again.diagnostics().get(0).message())
        : AstDifference.between(parsed.program(), again.program())
            .map(d -> "the result means something else at " + d)
            .or(() -> sorted(comments(file)).equals(sorted(comments(result))) ? Optional.empty()
                : Optional.of("the result lost or changed a comment"));
    if (problem.isPresent()) {
      return refused(file, problem.get());
    }
    return new FormatResult(text, !text.equals(file.text()), List.of());
  }

  private static FormatResult refused(SourceFile file, String why) {
    return new FormatResult(file.text(), false, List.of(Diagnostic.of(Code.CH0010,
            file.span(0, 0), "chaos fmt cannot format this file")
        .withLabel(why)
        .withHelp("this is a bug in chaos: please report it with the file; the file is unchanged")));
  }

  /**
   * The layout, laid out again until it no longer changes. One pass is enough but where a
   * comment had to move (two `//` comments that end up on one line): the second pass puts it
   * where it then belongs, so that formatting a formatted file changes nothing.
   */
  private static String settled(SourceFile file) {
    Printer.Result result = layout(file);
    for (int pass = 0; pass < 3 && result.movedComment(); pass++) {
      try {
        result = layout(new SourceFile(file.path(), result.text()));
      } catch (RuntimeException e) {
        break; // the check of the result says what is wrong with it
      }
    }
    return result.text();
  }

  static Printer.Result layout(SourceFile file) {
    CommonTokenStream tokens = ConcreteTrees.tokens(file);
    ChaosParser.ProgramContext tree = ConcreteTrees.program(tokens);
    Doc doc = new Layout(tokens.getTokenSource().getInputStream(), tokens.getTokens()).program(tree);
    return Printer.print(doc, WIDTH);
  }

  private static List<String> sorted(List<String> list) {
    return list.stream().sorted().toList();
  }

  /** The text of every comment of a file, in order. */
  public static List<String> comments(SourceFile file) {
    CommonTokenStream tokens = ConcreteTrees.tokens(file);
    List<String> out = new ArrayList<>();
    for (Token t : tokens.getTokens()) {
      if (Comments.isComment(t)) {
        out.add(t.getText().strip());
      }
    }
    return out;
  }
}
