package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The seed's "Production Chaos Rules" that a checker can hold: a blast radius of at most 30%, a
 * low-traffic window, a guard, a precondition that no critical alert is firing, and a `lock`
 * (one experiment at a time; the notice of rule 5 is kept with it). Errors for
 * `environment prod`, and for any runbook under `--as prod`.
 */
final class ProdRules {
  static final double MAX_BLAST_RADIUS = 30.0;

  private final FileChecker file;
  private final Reporter reporter;

  ProdRules(FileChecker file) {
    this.file = file;
    this.reporter = file.reporter();
  }

  void check(Decl.Runbook runbook, HeaderChecker.Header header, boolean prodByEnvironment) {
    String why = prodByEnvironment ? "required for `environment prod`" : "required by `--as prod`";
    var name = runbook.name().span();
    if (header.blastRadius() == null) {
      reporter.report(Code.CH0501, name, "production runbook without a `blast_radius`", why,
          "declare it, at most 30%: `blast_radius 30%`");
    } else if (UnitHelp.unwrap(header.blastRadius().value()) instanceof Expr.PercentLit p
        && p.percent() > MAX_BLAST_RADIUS) {
      reporter.report(Code.CH0501, header.blastRadius().value().span(),
          "blast radius " + header.blastRadius().value().span().text()
              + " is above 30% in production",
          "at most 30% in production", "lower it: `blast_radius 30%`");
    }
    if (header.window() == null) {
      reporter.report(Code.CH0502, name, "production runbook without a `window`", why,
          "add a low-traffic window: `window 02:00 to 06:00 zone \"UTC\"`");
    }
    boolean locked = runbook.members().stream().anyMatch(m -> m instanceof Member.Attribute a
        && a.key().name().equals("lock"));
    if (!locked) {
      reporter.report(Code.CH0507, name, "production runbook without a `lock`", why,
          "add one, shared by every runbook that disrupts the same system: "
              + "`lock \"llm-marketplace\"`");
    }
    boolean guarded = false;
    boolean alertsChecked = false;
    for (Member m : runbook.members()) {
      guarded |= m.kind() == Member.Kind.GUARD;
      if (m instanceof Member.Precondition p) {
        alertsChecked |= new CriticalAlerts().readIn(p.body(), file.out());
      }
    }
    if (!guarded) {
      reporter.report(Code.CH0503, name, "production runbook without a guard", why,
          "add a guard that aborts on harm: "
              + "`guard \"error rate under 5%\" every 5s { expect slo.error_rate() < 5% }`");
    }
    if (!alertsChecked) {
      reporter.report(Code.CH0504, name,
          "production runbook without a precondition that no critical alert is firing", why,
          "add: `precondition \"no critical alert firing\" "
              + "{ expect len(prometheus.alerts(severity: \"critical\")) == 0 }`");
    }
  }

  /**
   * Whether code reads `prometheus.alerts(severity: "critical")`, directly, through `fn`s of
   * any module (`slo.no_critical_alerts()`), or through a runbook `let` that does.
   */
  static final class CriticalAlerts {
    private final Set<Object> entered = Collections.newSetFromMap(new IdentityHashMap<>());

    boolean readIn(dev.chaos.syntax.ast.Block block, CheckedProgram owner) {
      boolean[] found = {false};
      dev.chaos.check.Walk.block(block, e -> found[0] |= reads(e, owner));
      return found[0];
    }

    private boolean readIn(Expr expr, CheckedProgram owner) {
      boolean[] found = {false};
      Walk.expr(expr, e -> found[0] |= reads(e, owner));
      return found[0];
    }

    private boolean reads(Expr e, CheckedProgram owner) {
      if (e instanceof Expr.Name n && owner.refOf(n) instanceof Ref.Local local
          && local.declaration() instanceof Member.Let let && entered.add(let)) {
        return readIn(let.value(), owner);
      }
      if (!(e instanceof Expr.Call call) || owner.callOf(call) == null) {
        return false;
      }
      CallInfo info = owner.callOf(call);
      if (info.callee() instanceof Callee.UserFn fn && entered.add(fn.fn())) {
        return readIn(fn.fn().body(), fn.owner());
      }
      if (info.callee() instanceof Callee.Native n
          && n.builtin().namespace().equals("prometheus") && n.builtin().name().equals("alerts")) {
        Expr severity = info.arguments().get("severity");
        return severity != null && UnitHelp.unwrap(severity) instanceof Expr.Str s
            && "critical".equals(s.constant());
      }
      return false;
    }
  }
}
