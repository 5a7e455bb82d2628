package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chaos.diag.Code;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Deep input is refused with CH0012, never with a StackOverflowError; long chains are fine. */
class NestingTest {
  private static final int DEEP = 10_000;

  private static ParseResult parseBounded(String text) {
    ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parse(text));
    AstInvariants.check(result, text);
    return result;
  }

  private static void assertTooDeep(String text) {
    ParseResult result = parseBounded(text);
    assertThat(codes(result)).as(render(result)).contains(Code.CH0012);
    assertThat(result.diagnostics()).filteredOn(d -> d.code() == Code.CH0012).hasSize(1);
  }

  @Test
  void tenThousandNestedBracketsOrBraces() {
    assertTooDeep("let x = " + "(".repeat(DEEP) + "1" + ")".repeat(DEEP));
    assertTooDeep("let x = " + "[".repeat(DEEP) + "]".repeat(DEEP));
    assertTooDeep("let x = " + "{a: ".repeat(DEEP) + "1" + "}".repeat(DEEP));
    assertTooDeep("runbook \"r\" { step \"s\" { " + "if x { ".repeat(DEEP) + "}".repeat(DEEP) + " } }");
    assertTooDeep("let x = " + "(".repeat(DEEP));
    assertTooDeep("let x = \"" + "${\"".repeat(DEEP));
    assertTooDeep("fn f(x: " + "List[".repeat(DEEP) + "Int" + "]".repeat(DEEP) + ") -> Int = 1");
  }

  @Test
  void tenThousandPrefixOperators() {
    assertTooDeep("let x = " + "not ".repeat(DEEP) + "a");
    assertTooDeep("let x = " + "-".repeat(DEEP) + "a");
    assertTooDeep("let x = " + "-(".repeat(DEEP) + "a");
  }

  @Test
  void tooLongOperatorChainsAreRefused() {
    assertTooDeep("let x = a" + " + a".repeat(100_000));
    assertTooDeep("let x = a" + ".b".repeat(100_000));
  }

  @Test
  void nestingUpToTheLimitParses() {
    int depth = NestingLimit.MAX_DEPTH - 1;
    Expr value = ((Decl.Let) parseClean("let x = " + "(".repeat(depth) + "1" + ")".repeat(depth))
        .decls().get(0)).value();
    assertThat(value).isInstanceOf(Expr.Paren.class);
    parseClean("let x = a" + " + a".repeat(NestingLimit.MAX_CHAIN - 1));
    parseClean("let x = a" + ".b(1)".repeat(NestingLimit.MAX_CHAIN / 3));
  }

  @Test
  void unclosedBracketsInManySectionsDoNotAddUp() {
    String steps = "  step \"s\" { expect (x + }\n".repeat(NestingLimit.MAX_DEPTH * 2);
    ParseResult result = parseBounded("runbook \"r\" {\n" + steps + "}\n");
    assertThat(codes(result)).doesNotContain(Code.CH0012).contains(Code.CH0010);
  }

  @Test
  void manyStatementsAndMembersAreNotNesting() {
    String body = "    f(a.b + c.d)\n".repeat(5_000);
    parseClean("runbook \"r\" {\n  step \"s\" {\n" + body + "  }\n}\n");
    parseClean("let x = [" + "1, ".repeat(20_000) + "1]");
  }
}
