package dev.chaos.source;

/** A half-open range [start, end) of characters in one source file. */
public record Span(SourceFile source, int start, int end) {
  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  // Written out: a record's generated equals/hashCode are bootstrapped through method handles
  // on first use, tens of ms of a `chaos check` start (docs/performance.md).
  @Override
  public boolean equals(Object o) {
    return o instanceof Span other && start == other.start && end == other.end
        && source.equals(other.source);
  }

  @Override
  public int hashCode() {
    return (source.hashCode() * 31 + start) * 31 + end;
  }

  public Span to(Span other) {
    return new Span(source, Math.min(start, other.start), Math.max(end, other.end));
  }

  public int startLine() {
    return source.lines().line(start);
  }

  public int startColumn() {
    return source.lines().column(start);
  }

  public int endLine() {
    return source.lines().line(end);
  }

  /** 1-based column just past the last character, as SARIF's endColumn. */
  public int endColumn() {
    return source.lines().column(end);
  }

  public String text() {
    return source.text().substring(start, Math.min(end, source.text().length()));
  }

  @Override
  public String toString() {
    return source.path() + ":" + startLine() + ":" + startColumn();
  }
}
