package dev.chaos.syntax.ast;

import dev.chaos.source.Span;
import java.util.List;

/** A type as written in a parameter or result: `Percent`, `List[String]`, `Map[String, Int]`. */
public record TypeRef(Span span, String name, List<TypeRef> args) {
  public TypeRef {
    args = List.copyOf(args);
  }
}
