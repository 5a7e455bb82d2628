package dev.chaos.syntax.ast;

import dev.chaos.source.Span;

/** A name as written, with its span. */
public record Ident(Span span, String name) {}
