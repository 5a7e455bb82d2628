package dev.chaos.syntax.ast;

import dev.chaos.source.Span;

/** The quoted name of a runbook or a section (`step "kill pods"`); the text has no quotes. */
public record Label(Span span, String text) {}
