package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.Span;
import dev.chaos.spi.BlastRule;
import dev.chaos.spi.Param;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CH0505: a call of a runbook whose literal arguments put it over the runbook's `blast_radius`
 * whatever its targets hold, by its driver's own rule ({@link BlastRule}): a Chaos Mesh
 * manifest with `mode: all` under a cap below 100%, a `fraction:` above the cap. The run refuses
 * such a call anyway, before it writes; the checker says so before anything runs, at the mode's
 * line when it can find it.
 */
final class BlastChecker {
  private final FileChecker file;

  BlastChecker(FileChecker file) {
    this.file = file;
  }

  void check(Decl.Runbook runbook, HeaderChecker.Header header) {
    if (header.blastRadius() == null
        || !(UnitHelp.unwrap(header.blastRadius().value()) instanceof Expr.PercentLit cap)) {
      return;
    }
    for (Block block : blocks(runbook)) {
      for (Expr.Call call : Walk.calls(block)) {
        CallInfo info = file.out().callOf(call);
        if (info != null && info.callee() instanceof Callee.Native n) {
          check(n.builtin().qualifiedName(), n.builtin().signature().params(), info.arguments(),
              cap.percent());
        }
      }
    }
  }

  private void check(String fn, List<Param> params, Map<String, Expr> arguments, double cap) {
    for (Param p : params) {
      Expr argument = arguments.get(p.name());
      Object literal = argument == null ? null : literal(argument);
      if (p.blast() == null || literal == null) {
        continue;
      }
      BlastRule.Problem problem = p.blast().problem(literal, cap);
      if (problem != null) {
        file.reporter().report(Code.CH0505, near(argument.span(), problem.near()),
            problem.message(), "`" + fn + "` would refuse this at run time, before it writes",
            "lower the share the call asks for, or narrow its targets");
      }
    }
  }

  /** A string constant, a Percent literal (in percent) or an Int literal; null otherwise. */
  private static Object literal(Expr e) {
    Expr bare = UnitHelp.unwrap(e);
    if (bare instanceof Expr.Str s) {
      return s.constant();
    }
    if (bare instanceof Expr.PercentLit p) {
      return p.percent();
    }
    if (bare instanceof Expr.IntLit i) {
      return i.value();
    }
    return null;
  }

  /** The part of {@code span} that {@code regex} finds, else the whole span. */
  private static Span near(Span span, String regex) {
    if (regex.isEmpty()) {
      return span;
    }
    Matcher m = Pattern.compile(regex).matcher(span.text());
    return m.find() ? new Span(span.source(), span.start() + m.start(), span.start() + m.end())
        : span;
  }

  private static List<Block> blocks(Decl.Runbook runbook) {
    List<Block> out = new ArrayList<>();
    for (Member m : runbook.members()) {
      if (m instanceof Member.Step s) {
        out.add(s.body());
      } else if (m instanceof Member.Rollback r) {
        out.add(r.body());
      } else if (m instanceof Member.OnAbort a) {
        out.add(a.body());
      }
    }
    return out;
  }
}
