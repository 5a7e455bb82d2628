package dev.chaos.syntax;

import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Expr.BinaryOp;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Puts the first operand of an expression statement where precedence wants it. The grammar
 * reads such a statement as `first op rest` or `not rest` (so that it never starts with a
 * token that could continue the line before), with {@code rest} already a correct expression:
 * `a * b + c` arrives as `a * (b + c)`, and `a` goes down the left spine of `rest` past every
 * operator that binds no tighter than `*`, giving `(a * b) + c`. The spine can be as long as the
 * file, so it is walked with loops.
 */
final class Reassociate {
  private final ComparisonChains chains;

  Reassociate(ComparisonChains chains) {
    this.chains = chains;
  }

  /** `first op rest`; a comparison that meets a comparison becomes a chain. */
  Expr attach(Expr first, BinaryOp op, Span opSpan, Expr rest) {
    Deque<Expr.Binary> path = new ArrayDeque<>();
    Expr bottom = rest;
    while (bottom instanceof Expr.Binary b && precedence(b) <= precedence(op)) {
      path.push(b);
      bottom = b.left();
    }
    Expr.Binary result = new Expr.Binary(first.span().to(bottom.span()), op, opSpan, first, bottom);
    if (op.isComparison() && !path.isEmpty() && path.peek().op().isComparison()) {
      // `first < b < c`: `rest` began with `b < c`, which is now the chain's second link
      result = chains.prepend(result, path.pop());
    }
    return rebuild(result, path);
  }

  /** `not rest`, where `not` binds looser than a comparison and tighter than `and` and `or`. */
  Expr not(Span keyword, Expr rest) {
    Deque<Expr.Binary> path = new ArrayDeque<>();
    Expr bottom = rest;
    while (bottom instanceof Expr.Binary b && precedence(b) < COMPARISON) {
      path.push(b);
      bottom = b.left();
    }
    return rebuild(new Expr.Unary(keyword.to(bottom.span()), Expr.UnaryOp.NOT, bottom), path);
  }

  /** Rebuilds the nodes of {@code path}, deepest first, over a new leftmost operand. */
  private Expr rebuild(Expr leftmost, Deque<Expr.Binary> path) {
    Expr result = leftmost;
    while (!path.isEmpty()) {
      Expr.Binary old = path.pop();
      Expr.Binary rebuilt = new Expr.Binary(result.span().to(old.right().span()), old.op(), old.opSpan(),
          result, old.right());
      chains.replaced(old, rebuilt);
      result = rebuilt;
    }
    return result;
  }

  private static final int COMPARISON = 3;

  /** Higher binds tighter, as the order of the `expr` rule's alternatives says. */
  private int precedence(Expr.Binary b) {
    return chains.isJoin(b) ? COMPARISON : precedence(b.op());
  }

  private static int precedence(BinaryOp op) {
    switch (op) {
      case OR:
        return 1;
      case AND:
        return 2;
      case ADD:
      case SUB:
        return 4;
      case MUL:
      case DIV:
        return 5;
      default:
        return COMPARISON;
    }
  }
}
