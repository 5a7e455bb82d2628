package dev.chaos.check;

import dev.chaos.syntax.ast.Program;

/**
 * TEMPORARY skeleton from the `cli` branch, so that branch compiles before the checker lands.
 * The `checker` branch owns this file: on merge, take the checker's version.
 */
public record CheckedProgram(Program program) {}
