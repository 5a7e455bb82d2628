package dev.chaos.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.SourceFile;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.ast.Stmt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Shared helpers for the parser tests. */
final class ParserTesting {
  private ParserTesting() {}

  static final Path EXAMPLES = dev.chaos.ContractExamples.dir();

  static ParseResult parse(String text) {
    return Parser.parse(new SourceFile("test.chaos", text));
  }

  /** Parses text that must have no diagnostics. */
  static Program parseClean(String text) {
    ParseResult result = parse(text);
    assertThat(result.diagnostics()).as("diagnostics of:\n%s", text).isEmpty();
    return result.program();
  }

  /** The expression `e` of `let x = e` at top level. */
  static Expr expr(String source) {
    Program program = parseClean("let x = " + source + "\n");
    return ((Decl.Let) program.decls().get(0)).value();
  }

  /** The statements of a one-step runbook. */
  static List<Stmt> statements(String body) {
    Program program = parseClean("runbook \"r\" {\n  step \"s\" {\n" + body + "\n  }\n}\n");
    Decl.Runbook runbook = (Decl.Runbook) program.decls().get(0);
    return ((Member.Step) runbook.members().get(0)).body().statements();
  }

  static List<Code> codes(ParseResult result) {
    return result.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList());
  }

  static String render(ParseResult result) {
    return result.diagnostics().stream()
        .map(d -> d.code() + " " + d.span().startLine() + ":" + d.span().startColumn() + " "
            + d.message() + " [" + d.span().text() + "] " + d.label() + " " + d.helps())
        .collect(Collectors.joining("\n"));
  }

  /** The contract's three examples. */
  static List<Path> examples() {
    return dev.chaos.ContractExamples.paths();
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
