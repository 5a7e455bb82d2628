package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.syntax.ast.Expr;
import org.junit.jupiter.api.Test;

/** Operator precedence, loosest first: or, and, not, comparisons, + -, * /, unary -, postfix. */
class PrecedenceTest {
  /** Fully parenthesised form of an expression, to compare shapes. */
  static String shape(Expr e) {
    switch (e.kind()) {
      case BINARY:
        Expr.Binary b = (Expr.Binary) e;
        return "(" + shape(b.left()) + " " + b.op().symbol() + " " + shape(b.right()) + ")";
      case UNARY:
        Expr.Unary u = (Expr.Unary) e;
        return "(" + (u.op() == Expr.UnaryOp.NEG ? "-" : "not ") + shape(u.operand()) + ")";
      case MEMBER:
        Expr.Member m = (Expr.Member) e;
        return shape(m.target()) + "." + m.name().name();
      case CALL:
        Expr.Call c = (Expr.Call) e;
        StringBuilder sb = new StringBuilder(shape(c.callee())).append("(");
        for (int i = 0; i < c.args().size(); i++) {
          sb.append(i > 0 ? ", " : "");
          if (c.args().get(i).isNamed()) {
            sb.append(c.args().get(i).name().name()).append(": ");
          }
          sb.append(shape(c.args().get(i).value()));
        }
        return sb.append(")").toString();
      case INDEX:
        Expr.Index ix = (Expr.Index) e;
        return shape(ix.target()) + "[" + shape(ix.index()) + "]";
      case PAREN:
        return shape(((Expr.Paren) e).inner());
      default:
        return e.span().text();
    }
  }

  private static String parsed(String source) {
    return shape(expr(source));
  }

  @Test
  void orIsLoosestThenAndThenNot() {
    assertThat(parsed("a or b and c")).isEqualTo("(a or (b and c))");
    assertThat(parsed("a and b or c")).isEqualTo("((a and b) or c)");
    assertThat(parsed("not a and b")).isEqualTo("((not a) and b)");
    assertThat(parsed("not a == b")).isEqualTo("(not (a == b))");
    assertThat(parsed("not not a")).isEqualTo("(not (not a))");
  }

  @Test
  void comparisonsBindLooserThanArithmetic() {
    assertThat(parsed("a + 1 < b * 2")).isEqualTo("((a + 1) < (b * 2))");
    assertThat(parsed("a - b - c")).isEqualTo("((a - b) - c)");
    assertThat(parsed("a + b * c - d / e")).isEqualTo("((a + (b * c)) - (d / e))");
    assertThat(parsed("(a + b) * c")).isEqualTo("((a + b) * c)");
  }

  @Test
  void unaryMinusBindsTighterThanMultiplicationAndLooserThanPostfix() {
    assertThat(parsed("-a * b")).isEqualTo("((-a) * b)");
    assertThat(parsed("-a.b(c)[0]")).isEqualTo("(-a.b(c)[0])");
    assertThat(parsed("a - -b")).isEqualTo("(a - (-b))");
  }

  @Test
  void postfixChainsApplyLeftToRight() {
    assertThat(parsed("k8s.pods(backend).ready")).isEqualTo("k8s.pods(backend).ready");
    assertThat(parsed("m[\"key\"].list[0]")).isEqualTo("m[\"key\"].list[0]");
    assertThat(parsed("f(1, name: 2)(3)")).isEqualTo("f(1, name: 2)(3)");
  }

  @Test
  void spansAreExact() {
    Expr.Binary cmp = (Expr.Binary) expr("k8s.pods(b).ready  ==  k8s.pods(b).total");
    assertThat(cmp.opSpan().text()).isEqualTo("==");
    assertThat(cmp.span().text()).isEqualTo("k8s.pods(b).ready  ==  k8s.pods(b).total");
    Expr.Member ready = (Expr.Member) cmp.left();
    assertThat(ready.name().span().text()).isEqualTo("ready");
    Expr.Call call = (Expr.Call) ready.target();
    assertThat(call.span().text()).isEqualTo("k8s.pods(b)");
    assertThat(call.callee().span().text()).isEqualTo("k8s.pods");
    assertThat(((Expr.Member) call.callee()).target().span().text()).isEqualTo("k8s");
    assertThat(call.args().get(0).span().text()).isEqualTo("b");
    Expr.Call named = (Expr.Call) expr("f(x,  fraction:  30%)");
    assertThat(named.args().get(1).span().text()).isEqualTo("fraction:  30%");
    assertThat(named.args().get(1).name().span().text()).isEqualTo("fraction");
    Expr.Index index = (Expr.Index) expr("list [ 0 ]");
    assertThat(index.span().text()).isEqualTo("list [ 0 ]");
    Expr.Unary neg = (Expr.Unary) expr("- x");
    assertThat(neg.span().text()).isEqualTo("- x");
  }

  @Test
  void foreignOperatorsParseAsTheirChaosSpellingWithOneDiagnosticEach() {
    ParseResult result = parse("let x = a && b || !c\n");
    assertThat(codes(result)).hasSize(3).allMatch(c -> c == dev.chaos.diag.Code.CH0010);
    assertThat(result.diagnostics().get(0).helps()).containsExactly("use `and`");
    assertThat(result.diagnostics().get(1).helps()).containsExactly("use `or`");
    assertThat(result.diagnostics().get(2).helps()).containsExactly("use `not`");
    Expr value = ((dev.chaos.syntax.ast.Decl.Let) result.program().decls().get(0)).value();
    assertThat(shape(value)).isEqualTo("((a and b) or (not c))");
  }
}
