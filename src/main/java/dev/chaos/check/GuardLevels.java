package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Stmt;

/**
 * The incident-response rules of guards: an `extend` needs a warning level to extend after
 * (CH0411), and a runbook that disrupts keeps a guard on critical alerts while it does
 * (CH0606, a warning: the seed's "Critical Alert Triggered" procedure, and its rule 8).
 */
final class GuardLevels {
  private GuardLevels() {}

  /** `extend` on a guard with no `warn when`: nothing would ever extend the observation. */
  static void requireWarning(Member.Guard g, Reporter reporter) {
    if (hasWarning(g.body())) {
      return;
    }
    Span at = new Span(g.span().source(), g.extend().span().start()
        - "extend ".length(), g.extend().span().end());
    if (!at.text().startsWith("extend")) {
      at = g.extend().span();
    }
    reporter.report(Code.CH0411, at, "`extend` on guard \"" + g.name().text()
        + "\", which has no warning level", "only a warning extends the observation",
        "add a warning level: `warn when slo.error_rate() > 1%`, or remove `extend`");
  }

  static boolean hasWarning(Block block) {
    for (Stmt s : block.statements()) {
      if (s instanceof Stmt.Level l && l.severity() == Stmt.Severity.WARN) {
        return true;
      }
      if (s instanceof Stmt.If i) {
        for (Stmt.Branch b : i.branches()) {
          if (hasWarning(b.body())) {
            return true;
          }
        }
        if (i.orElse() != null && hasWarning(i.orElse())) {
          return true;
        }
      }
      if (s instanceof Stmt.For f && hasWarning(f.body())) {
        return true;
      }
    }
    return false;
  }

  /**
   * CH0606: a runbook with a step that changes the world (a call other than `notify.send`, which
   * only tells people) and no guard that reads `prometheus.alerts(severity: "critical")`,
   * directly or through a `fn` or runbook `let`. A recovery procedure, tagged `recovery`, is
   * exempt: it runs because something is wrong, and a firing alert must not stop it.
   */
  static void alertGuard(Decl.Runbook runbook, CheckedProgram out, Reporter reporter) {
    boolean disrupts = false;
    for (Member m : runbook.members()) {
      if (m instanceof Member.Step step && Effects.mutatingCalls(step.body(), out).stream()
          .anyMatch(site -> !site.builtin().qualifiedName().equals("notify.send"))) {
        disrupts = true;
      }
      if (m instanceof Member.Attribute a && a.key().name().equals("tags")
          && a.value() instanceof Expr.ListLit list && list.elements().stream()
              .anyMatch(t -> t instanceof Expr.Str str && "recovery".equals(str.constant()))) {
        return;
      }
    }
    if (!disrupts) {
      return;
    }
    ProdRules.CriticalAlerts alerts = new ProdRules.CriticalAlerts();
    for (Member m : runbook.members()) {
      if (m instanceof Member.Guard g && alerts.readIn(g.body(), out)) {
        return;
      }
    }
    reporter.report(Code.CH0606, runbook.name().span(),
        "runbook disrupts with no guard on critical alerts",
        "no guard reads `prometheus.alerts(severity: \"critical\")`",
        "add (with `import \"slo\"`): `guard \"no critical alert firing\" every 15s "
            + "{ expect slo.no_critical_alerts() }`");
  }
}
