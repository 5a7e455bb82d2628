package dev.chaos.check;

import dev.chaos.spi.Builtin;
import dev.chaos.syntax.ast.Decl;

/** The function a call invokes. */
public sealed interface Callee permits Callee.Native, Callee.UserFn, Callee.UserAction {

  /** A driver or core function from a signature table. */
  record Native(Builtin builtin) implements Callee {}

  /** A `fn`; evaluate its body with {@code owner}'s side tables. */
  record UserFn(CheckedProgram owner, Decl.Fn fn) implements Callee {}

  /** An `action`; run its body with {@code owner}'s side tables. */
  record UserAction(CheckedProgram owner, Decl.Action action) implements Callee {}
}
