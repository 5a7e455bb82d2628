package dev.chaos.syntax.ast;

import dev.chaos.source.Span;
import java.util.List;

/** `{ statements }`; the span covers both braces. */
public record Block(Span span, List<Stmt> statements) {
  public Block {
    statements = List.copyOf(statements);
  }
}
