package dev.chaos.source;

import java.util.Objects;

/** The text of one `.chaos` file and the path it was given as; identity is the path. */
public final class SourceFile {
  private final String path;
  private final String text;
  private LineMap lines;

  public SourceFile(String path, String text) {
    this.path = Objects.requireNonNull(path);
    this.text = Objects.requireNonNull(text);
  }

  public String path() {
    return path;
  }

  public String text() {
    return text;
  }

  public LineMap lines() {
    if (lines == null) {
      lines = LineMap.of(text);
    }
    return lines;
  }

  public Span span(int start, int end) {
    return new Span(this, start, end);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceFile other && other.path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return path;
  }
}
