package dev.chaos.syntax.ast;

import dev.chaos.source.Span;
import java.util.List;

/** A top-level declaration. */
public sealed interface Decl permits Decl.Let, Decl.Fn, Decl.Action, Decl.Runbook {
  Span span();

  Kind kind();

  enum Kind { LET, FN, ACTION, RUNBOOK }

  /** `let NAME = expr`, a module constant. */
  record Let(Span span, Ident name, Expr value) implements Decl {
    public Kind kind() {
      return Kind.LET;
    }
  }

  /** `fn name(params) -> Type = expr`: read-only. */
  record Fn(Span span, Ident name, List<ParamDecl> params, TypeRef result, Expr body)
      implements Decl {
    public Fn {
      params = List.copyOf(params);
    }

    public Kind kind() {
      return Kind.FN;
    }
  }

  /** `action name(params) { ... }`: may mutate. */
  record Action(Span span, Ident name, List<ParamDecl> params, Block body) implements Decl {
    public Action {
      params = List.copyOf(params);
    }

    public Kind kind() {
      return Kind.ACTION;
    }
  }

  /** `runbook "name" { header attributes and sections }`. */
  record Runbook(Span span, Label name, List<Member> members) implements Decl {
    public Runbook {
      members = List.copyOf(members);
    }

    public Kind kind() {
      return Kind.RUNBOOK;
    }
  }
}
