package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contextual keywords are names outside their constructs; reserved words are names only after
 * `.`, before `:` and as record keys. */
class ContextualKeywordsTest {
  private static final List<String> CONTEXTUAL = List.of("title", "objective", "environment",
      "blast_radius", "window", "max_duration", "owner", "tags", "lock", "precondition", "observe",
      "guard", "step", "verify", "rollback", "recovery", "on", "abort", "timeout", "retry",
      "irreversible", "throughout", "undo", "to", "zone", "as", "warn", "when", "extend",
      "escalation_policy", "schedule");
  private static final List<String> RESERVED = List.of("import", "fn", "action", "runbook", "let",
      "expect", "wait", "until", "every", "within", "else", "if", "for", "in", "record", "log",
      "fail", "true", "false", "and", "or", "not");

  @Test
  void everyContextualKeywordIsAName() {
    for (String word : CONTEXTUAL) {
      List<Stmt> stmts = statements("let " + word + " = 1\n" + "for x in " + word + " { log x }\n"
          + word + ".call(" + word + ": " + word + ")\n" + "record " + word + " = " + word);
      assertThat(stmts).as(word).hasSize(4);
      assertThat(((Stmt.Let) stmts.get(0)).name().name()).isEqualTo(word);
      assertThat(((Stmt.ExprStmt) stmts.get(2)).expr()).isInstanceOf(Expr.Call.class);
    }
  }

  @Test
  void everyWordIsAllowedAfterDotBeforeColonAndAsRecordKey() {
    for (String word : RESERVED) {
      Expr.Call call = (Expr.Call) expr("x." + word + "(" + word + ": {" + word + ": 1})");
      assertThat(((Expr.Member) call.callee()).name().name()).isEqualTo(word);
      assertThat(call.args().get(0).name().name()).isEqualTo(word);
      assertThat(((Expr.RecordLit) call.args().get(0).value()).fields().get(0).key().name()).isEqualTo(word);
    }
  }

  @Test
  void reservedWordsAreNotNames() {
    for (String word : RESERVED) {
      ParseResult result = parse("let " + word + " = 1\n");
      assertThat(codes(result)).as(word).isNotEmpty().doesNotContain(Code.CH0012);
    }
  }

  @Test
  void runbookIsAValueInExpressions() {
    Expr.Member name = (Expr.Member) expr("runbook.name");
    assertThat(((Expr.Name) name.target()).name()).isEqualTo("runbook");
  }
}
