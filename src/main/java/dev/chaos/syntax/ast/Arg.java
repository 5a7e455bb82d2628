package dev.chaos.syntax.ast;

import dev.chaos.source.Span;

/** A call argument; {@code name} is null for a positional argument. */
public record Arg(Span span, Ident name, Expr value) {
  public boolean isNamed() {
    return name != null;
  }
}
