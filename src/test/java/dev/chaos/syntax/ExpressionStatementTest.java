package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Stmt;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Any expression parses as a statement (the checker then allows only calls), and exactly as it
 * parses as a value: the statement form reads its first operand apart and re-associates it.
 */
class ExpressionStatementTest {
  /** The shape of an expression with every node's text, to compare trees and spans at once. */
  private static String tree(Expr e) {
    String inner;
    switch (e.kind()) {
      case BINARY: {
        Expr.Binary b = (Expr.Binary) e;
        inner = tree(b.left()) + " " + b.op().symbol() + "@" + b.opSpan().text() + " " + tree(b.right());
        break;
      }
      case UNARY: {
        Expr.Unary u = (Expr.Unary) e;
        inner = u.op() + " " + tree(u.operand());
        break;
      }
      case MEMBER:
        inner = tree(((Expr.Member) e).target()) + "." + ((Expr.Member) e).name().name();
        break;
      case CALL: {
        Expr.Call c = (Expr.Call) e;
        inner = tree(c.callee()) + c.args().stream()
            .map(a -> (a.isNamed() ? a.name().name() + ": " : "") + tree(a.value()))
            .collect(Collectors.joining(", ", "(", ")"));
        break;
      }
      case INDEX:
        inner = tree(((Expr.Index) e).target()) + "[" + tree(((Expr.Index) e).index()) + "]";
        break;
      case PAREN:
        inner = "paren " + tree(((Expr.Paren) e).inner());
        break;
      default:
        inner = e.kind().toString();
    }
    return "{" + e.span().text() + " = " + inner + "}";
  }

  private static String diagnostics(ParseResult result) {
    return result.diagnostics().stream()
        .map(d -> d.code() + " [" + d.span().text() + "] " + d.message() + " / " + d.label() + " " + d.helps())
        .collect(Collectors.joining("\n"));
  }

  private static ParseResult asValue(String expression) {
    return parse("let v = " + expression + "\n");
  }

  private static ParseResult asStatement(String expression) {
    return parse("runbook \"r\" {\n  step \"s\" {\n    " + expression + "\n  }\n}\n");
  }

  private static Expr value(ParseResult result) {
    return ((Decl.Let) result.program().decls().get(0)).value();
  }

  private static Stmt statement(ParseResult result) {
    Decl.Runbook runbook = (Decl.Runbook) result.program().decls().get(0);
    List<Stmt> body = ((Member.Step) runbook.members().get(0)).body().statements();
    assertThat(body).hasSize(1);
    return body.get(0);
  }

  private static void assertSameAsValue(String expression) {
    ParseResult value = asValue(expression);
    ParseResult statement = asStatement(expression);
    assertThat(diagnostics(statement)).as(expression).isEqualTo(diagnostics(value));
    Stmt stmt = statement(statement);
    assertThat(stmt).isInstanceOf(Stmt.ExprStmt.class);
    assertThat(stmt.span().text()).isEqualTo(expression);
    assertThat(tree(((Stmt.ExprStmt) stmt).expr())).as(expression).isEqualTo(tree(value(value)));
  }

  @Test
  void everyKindOfExpressionIsAStatement() {
    for (String e : List.of("redis.dbsize() == 0", "x", "42", "1.5", "5s", "30%", "02:00",
        "\"text\"", "\"\"\"\n    block\n    \"\"\"", "true", "runbook.name", "not ready",
        "k8s.pods(b).ready", "m[\"k\"]", "f(1, n: 2)(3)")) {
      assertSameAsValue(e);
    }
  }

  @Test
  void theFirstOperandGoesWherePrecedencePutsIt() {
    for (String e : List.of("a * b + c", "a - b + c", "a + b * c", "a * b == c + d",
        "a == b and c or d", "a or b and c", "not a and b", "not a == b", "not not a or b",
        "a == not b and c", "a == not b == c", "a * -b + c", "a.b(c)[0] / 2 - 1",
        "a + (b + c) * d", "a and (b or c)", "not (a or b)", "not a < b < c", "not -a * b",
        "not a or not b and c")) {
      assertSameAsValue(e);
    }
  }

  @Test
  void aChainedComparisonIsReportedOnceAsInAValue() {
    for (String e : List.of("a < b < c", "a < b < c < d", "a + 1 < b < c", "a < b and c < d < e",
        "a == b < c")) {
      assertSameAsValue(e);
    }
    assertThat(codes(asStatement("a < b < c < d"))).containsExactly(Code.CH0013);
  }

  @Test
  void foreignOperatorsAreReportedOnceAsInAValue() {
    assertSameAsValue("!a && b || c");
    assertSameAsValue("! ! a");
  }

  @Test
  void randomExpressionsParseAlikeAsStatementsAndAsValues() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int compared = 0;
    while (compared < 2000) {
      String e = generate(random, 4);
      if ("([-{".indexOf(e.charAt(0)) >= 0) {
        continue; // such a line continues the one before: no statement starts so
      }
      try {
        assertSameAsValue(e);
      } catch (AssertionError failure) {
        throw new AssertionError("seed " + seed + ": " + e, failure);
      }
      compared++;
    }
  }

  private static final String[] LEAVES = {"a", "b", "x.y", "f(a)", "k.m(1, n: 2)", "l[0]", "1",
      "2.5", "5s", "30%", "\"s\"", "true", "runbook"};
  private static final String[] OPERATORS = {"*", "/", "+", "-", "==", "!=", "<", "<=", ">", ">=",
      "and", "or"};

  private static String generate(Random random, int depth) {
    int choice = depth == 0 ? 0 : random.nextInt(10);
    switch (choice) {
      case 1:
        return "not " + generate(random, depth - 1);
      case 2:
        return "-" + generate(random, depth - 1);
      case 3:
        return "(" + generate(random, depth - 1) + ")";
      case 4:
        return "(" + generate(random, depth - 1) + ").z";
      case 5:
      case 6:
      case 7:
      case 8:
        return generate(random, depth - 1) + " " + OPERATORS[random.nextInt(OPERATORS.length)] + " "
            + generate(random, depth - 1);
      default:
        return LEAVES[random.nextInt(LEAVES.length)];
    }
  }

  @Test
  void noStatementStartsWithATokenThatContinuesAnExpression() {
    // `(`, `[` and `-` at the start of a line continue the expression of the line before
    List<Stmt> body = statements("    let a = redis.dbsize()\n    - 1\n    log \"${a}\"");
    assertThat(body).hasSize(2);
    assertThat(((Stmt.Let) body.get(0)).value().span().text()).isEqualTo("redis.dbsize()\n    - 1");
  }

  @Test
  void anAssignmentIsOneDiagnosticWithBothFixes() {
    ParseResult result = asStatement("x = 1");
    assertThat(codes(result)).containsExactly(Code.CH0010);
    Diagnostic d = result.diagnostics().get(0);
    assertThat(d.span().text()).isEqualTo("=");
    assertThat(d.message()).isEqualTo("`=` cannot change a value");
    assertThat(d.helps()).containsExactly("to name a new value, write `let x = 1`",
        "to check it, write `expect x == 1`");
    assertThat(((Stmt.ExprStmt) statement(result)).expr()).isInstanceOf(Expr.Error.class);

    // a name that already has a value keeps it: the help does not propose a second `let` of it
    ParseResult again = parse("runbook \"r\" {\n  let x = 1\n  step \"s\" {\n    x = 2\n  }\n}\n");
    assertThat(again.diagnostics().get(0).helps()).first()
        .isEqualTo("`x` keeps its value; name the new one: `let x_2 = 2`");
  }
}
