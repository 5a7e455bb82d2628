package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosParser.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Expr;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * `x = 1` as a statement. There is no assignment in the language (values are named once), so
 * the grammar accepts one only to say so in one diagnostic, with the two likely intents: naming
 * a value, or comparing it.
 */
final class Assignments {
  private Assignments() {}

  static Diagnostic diagnostic(ExprStmtContext ctx, Expr target, Expr value, Span equals) {
    String name = target.span().text();
    String assigned = value.span().text();
    boolean quotable = name.length() + assigned.length() <= 60 && !(name + assigned).contains("\n");
    Diagnostic d = Diagnostic.of(Code.CH0010, equals, "`=` cannot change a value")
        .withLabel("values are named once, with `let`, and never change");
    if (quotable && target instanceof Expr.Name) {
      d = d.withHelp(declaredBefore(ctx, name)
          ? "`" + name + "` keeps its value; name the new one: `let " + name + "_2 = " + assigned + "`"
          : "to name a new value, write `let " + name + " = " + assigned + "`");
    }
    return d.withHelp(quotable ? "to check it, write `expect " + name + " == " + assigned + "`"
        : "to compare, use `==`");
  }

  /**
   * Whether the name is declared where {@code stmt} can see it: by a `let` before it in its
   * block or a block around it, a `for` around it, or a `let` of the runbook or the file (seen
   * from anywhere). A syntactic look, enough to word a help line.
   */
  private static boolean declaredBefore(ParserRuleContext stmt, String name) {
    ParserRuleContext child = stmt;
    for (ParserRuleContext at = stmt.getParent(); at != null; child = at, at = at.getParent()) {
      if (at instanceof ForStmtContext f && name.equals(text(f.name()))) {
        return true;
      }
      for (ParseTree sibling : at.children == null ? List.<ParseTree>of() : at.children) {
        if (sibling == child && at instanceof BlockContext) {
          break; // a block's lets are seen from the next statement on
        }
        String declared = sibling instanceof LetStmtContext l ? text(l.name())
            : sibling instanceof LetMemberContext l ? text(l.name())
            : sibling instanceof LetDeclContext l ? text(l.name())
            : null;
        if (name.equals(declared)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String text(NameContext name) {
    return name == null ? null : name.getText();
  }
}
