package dev.chaos.check;

import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.syntax.ast.Decl;

/** What a name or a member expression stands for, as the interpreter needs it. */
public sealed interface Ref
    permits Ref.Local, Ref.Implicit, Ref.Global, Ref.BuiltinFn, Ref.Module, Ref.DriverNs,
        Ref.Field {

  /**
   * A value bound in a block or a runbook: {@code declaration} is the node that binds it, a
   * {@code Stmt.Let}, {@code Member.Let}, {@code Stmt.For} or {@code syntax.ast.ParamDecl}.
   */
  record Local(String name, Object declaration) implements Ref {}

  /** `runbook` (name, environment, title) or `abort` (reason, phase). */
  record Implicit(String name) implements Ref {}

  /** A top-level `let`, `fn` or `action` of {@code owner} (this file or an imported module). */
  record Global(CheckedProgram owner, Decl decl) implements Ref {}

  /** A driver or core function. */
  record BuiltinFn(Builtin builtin) implements Ref {}

  /** An import alias, only ever the target of a member expression. */
  record Module(CheckedProgram module) implements Ref {}

  /** A driver namespace, only ever the target of a member expression. */
  record DriverNs(Driver driver) implements Ref {}

  /** A field of a record value, or a member of a `Json` value. */
  record Field(String name) implements Ref {}
}
