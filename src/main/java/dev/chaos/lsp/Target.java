package dev.chaos.lsp;

import dev.chaos.check.CheckedProgram;
import dev.chaos.source.Span;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Ident;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.types.Type;

/**
 * What the cursor is on, as hover, definition and references need it. {@code at} is the span of
 * the word or expression under the cursor.
 */
sealed interface Target {
  Span at();

  /** A driver or core function. */
  record Function(Span at, Builtin builtin) implements Target {}

  /** A driver namespace (`k8s`). */
  record Namespace(Span at, Driver driver) implements Target {}

  /** A top-level `let`, `fn` or `action` of {@code owner}, this file or a module. */
  record Global(Span at, CheckedProgram owner, Decl decl) implements Target {
    Span name() {
      return switch (decl.kind()) {
        case LET -> ((Decl.Let) decl).name().span();
        case FN -> ((Decl.Fn) decl).name().span();
        case ACTION -> ((Decl.Action) decl).name().span();
        case RUNBOOK -> ((Decl.Runbook) decl).name().span();
      };
    }
  }

  /**
   * A value bound in a block, a runbook or a parameter list: {@code declaration} is the
   * {@code Stmt.Let}, {@code Member.Let}, {@code Member.Observe}, {@code Stmt.For} or
   * {@code ParamDecl} that binds it; {@code type} its type.
   */
  record Local(Span at, Object declaration, Type type) implements Target {
    Ident name() {
      return nameOf(declaration);
    }
  }

  /** An imported module (its alias or its import). */
  record Module(Span at, String alias, CheckedProgram module) implements Target {}

  /** A section of the runbook by its label (`step "kill pods"`). */
  record Section(Span at, Member section) implements Target {}

  /** A named argument's parameter, a header attribute: shown as its documentation. */
  record Documented(Span at, String markdown) implements Target {}

  /** Any other expression, with its type. */
  record Value(Span at, Expr expr, Type type) implements Target {}

  /** The name a local declaration binds; null for a node that binds none. */
  static Ident nameOf(Object declaration) {
    if (declaration instanceof Stmt.Let l) {
      return l.name();
    }
    if (declaration instanceof Member.Let l) {
      return l.name();
    }
    if (declaration instanceof Member.Observe o) {
      return o.name();
    }
    if (declaration instanceof Stmt.For f) {
      return f.variable();
    }
    if (declaration instanceof ParamDecl p) {
      return p.name();
    }
    return null;
  }
}
