package dev.chaos.syntax.ast;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import java.util.List;

/** One parsed file: its imports and top-level declarations, in source order. */
public record Program(Span span, SourceFile source, List<Import> imports, List<Decl> decls) {
  public Program {
    imports = List.copyOf(imports);
    decls = List.copyOf(decls);
  }

  /** `import "slo"` or `import "../lib/common.chaos" as common`; {@code alias} may be null. */
  public record Import(Span span, Label path, Ident alias) {}
}
