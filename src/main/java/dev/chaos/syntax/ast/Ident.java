package dev.chaos.syntax.ast;

import dev.chaos.source.Span;

/**
 * A name as written, with its span. The name is empty where the parser found none (and has
 * reported it): such a name declares nothing and is never a "did you mean" candidate.
 */
public record Ident(Span span, String name) {
  public boolean isMissing() {
    return name.isEmpty();
  }
}
