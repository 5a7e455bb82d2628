package dev.chaos.syntax;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Expr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chained comparisons. `a < b < c` is read as `a < b and b < c`, the only sensible meaning, so
 * the checker adds no follow-on type error; each chain is reported once (CH0013), at its second
 * comparison, with the split written out. An expression statement builds its chains in pieces
 * ({@link Reassociate}), so a chain's report is remade whenever its first link changes.
 */
final class ComparisonChains {
  /** The comparisons of one chain, in order, and its one report. */
  private static final class Chain {
    final List<Expr.Binary> links = new ArrayList<>();
    Diagnostic report;
  }

  private final List<Diagnostic> out;
  private final Map<Expr.Binary, Chain> chainOf = new IdentityHashMap<>();
  /** The `and`s that join the links of a chain: a comparison, not an `and`, to precedence. */
  private final Set<Expr> joins = Collections.newSetFromMap(new IdentityHashMap<>());

  ComparisonChains(List<Diagnostic> out) {
    this.out = out;
  }

  /**
   * `left op right` where {@code left} is a comparison or a chain ending with {@code last}: the
   * chain grows by the link `last.right op right`.
   */
  Expr.Binary append(Span span, Expr left, Expr.Binary last, Expr.Binary link) {
    Chain chain = chainOf.get(last);
    if (chain == null) {
      chain = new Chain();
      chain.links.add(last);
      chainOf.put(last, chain);
    }
    chain.links.add(link);
    chainOf.put(link, chain);
    if (chain.report == null) {
      report(chain);
    }
    return join(span, left, link);
  }

  /** `first` becomes the first link of the chain that {@code second} starts (or of a new one). */
  Expr.Binary prepend(Expr.Binary first, Expr.Binary second) {
    Chain chain = chainOf.get(second);
    if (chain == null) {
      chain = new Chain();
      chain.links.add(second);
      chainOf.put(second, chain);
    }
    chain.links.add(0, first);
    chainOf.put(first, chain);
    report(chain);
    return join(first.span().to(second.span()), first, second);
  }

  /** A node of a chain rebuilt with a new left operand takes the old one's place in it. */
  void replaced(Expr.Binary old, Expr.Binary rebuilt) {
    if (joins.contains(old)) {
      joins.add(rebuilt);
    }
    Chain chain = chainOf.get(old);
    if (chain != null) {
      for (int i = 0; i < chain.links.size(); i++) {
        if (chain.links.get(i) == old) {
          chain.links.set(i, rebuilt);
        }
      }
      chainOf.put(rebuilt, chain);
      report(chain);
    }
  }

  boolean isJoin(Expr e) {
    return joins.contains(e);
  }

  private Expr.Binary join(Span span, Expr left, Expr.Binary link) {
    Expr.Binary and = new Expr.Binary(span, Expr.BinaryOp.AND, link.opSpan(), left, link);
    joins.add(and);
    return and;
  }

  /** (Re)writes the chain's report from its first two links. */
  private void report(Chain chain) {
    if (chain.report != null) {
      out.remove(chain.report);
    }
    Expr.Binary first = chain.links.get(0);
    Expr.Binary second = chain.links.get(1);
    String b = first.right().span().text();
    chain.report = Diagnostic.of(Code.CH0013, second.opSpan(), "comparison operators cannot be chained")
        .withLabel("second comparison")
        .withHelp("split the comparison: `" + first.left().span().text() + " " + first.op().symbol()
            + " " + b + " and " + b + " " + second.op().symbol() + " " + second.right().span().text() + "`");
    out.add(chain.report);
  }
}
