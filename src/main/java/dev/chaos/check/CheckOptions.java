package dev.chaos.check;

/** How `chaos check` judges a file; {@code asProd} applies the production rules to any runbook. */
public record CheckOptions(boolean asProd) {}
