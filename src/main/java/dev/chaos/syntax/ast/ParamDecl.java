package dev.chaos.syntax.ast;

import dev.chaos.source.Span;

/** A parameter of a `fn` or an `action`; {@code defaultValue} is null when the parameter is required. */
public record ParamDecl(Span span, Ident name, TypeRef type, Expr defaultValue) {}
