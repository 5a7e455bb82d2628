package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `warn when` / `abort when` in a guard, a guard's `extend`, and `escalation_policy`. */
class GuardLevelsParseTest {
  @Test
  void aGuardHasLevelsAndAnExtension() {
    Decl.Runbook rb = (Decl.Runbook) parseClean("""
        runbook "r" {
          escalation_policy "standard"
          guard "error rate" every 5s extend 5m {
            warn when slo.error_rate() > 1%
            abort when slo.error_rate() > 5%
          }
        }
        """).decls().get(0);
    Member.Attribute policy = (Member.Attribute) rb.members().get(0);
    assertThat(policy.key().name()).isEqualTo("escalation_policy");
    Member.Guard g = (Member.Guard) rb.members().get(1);
    assertThat(g.every().span().text()).isEqualTo("5s");
    assertThat(g.extend().span().text()).isEqualTo("5m");
    List<Stmt> body = g.body().statements();
    Stmt.Level warn = (Stmt.Level) body.get(0);
    assertThat(warn.severity()).isEqualTo(Stmt.Severity.WARN);
    assertThat(warn.condition().span().text()).isEqualTo("slo.error_rate() > 1%");
    assertThat(warn.span().text()).isEqualTo("warn when slo.error_rate() > 1%");
    assertThat(((Stmt.Level) body.get(1)).severity()).isEqualTo(Stmt.Severity.ABORT);
  }

  @Test
  void aGuardWithoutExtendHasNone() {
    Decl.Runbook rb = (Decl.Runbook) parseClean(
        "runbook \"r\" { guard \"g\" every 5s { expect true } }").decls().get(0);
    assertThat(((Member.Guard) rb.members().get(0)).extend()).isNull();
  }

  @Test
  void abortIsStillANameWhereNoWhenFollows() {
    List<Stmt> stmts = statements("log abort.reason\nabort.call()\nwarn(1)\n");
    assertThat(stmts).hasSize(3);
    assertThat(((Stmt.ExprStmt) stmts.get(2)).expr()).isInstanceOf(Expr.Call.class);
  }
}
