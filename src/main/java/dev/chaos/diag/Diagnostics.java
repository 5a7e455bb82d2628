package dev.chaos.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics from every stage; one sink per `chaos check` run. Each diagnostic gets
 * the mechanical fixes its helps spell out ({@link Diagnostic#withFixesFromHelps}), so every
 * stage's "did you mean" is a quick fix in an editor.
 */
public final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();

  public void add(Diagnostic d) {
    all.add(d.withFixesFromHelps());
  }

  public void addAll(List<Diagnostic> ds) {
    ds.forEach(this::add);
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return all.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return all.size() - errorCount();
  }

  /** In file order, then by position; duplicates (same code at the same span) removed. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> out = new ArrayList<>();
    all.stream()
        .sorted(Diagnostics::compare)
        .forEach(d -> {
          if (out.isEmpty() || !sameProblem(out.get(out.size() - 1), d)) {
            out.add(d);
          }
        });
    return out;
  }

  /**
   * By path, start, end, code name. Written out rather than with Comparator's combinators, whose
   * lambdas are spun as classes at every start of `chaos check` (docs/performance.md).
   */
  private static int compare(Diagnostic a, Diagnostic b) {
    int c = a.span().source().path().compareTo(b.span().source().path());
    if (c == 0) {
      c = Integer.compare(a.span().start(), b.span().start());
    }
    if (c == 0) {
      c = Integer.compare(a.span().end(), b.span().end());
    }
    return c != 0 ? c : a.code().name().compareTo(b.code().name());
  }

  private static boolean sameProblem(Diagnostic a, Diagnostic b) {
    return a.code() == b.code() && a.span().equals(b.span()) && a.message().equals(b.message());
  }
}
