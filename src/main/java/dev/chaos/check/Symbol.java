package dev.chaos.check;

import dev.chaos.source.Span;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Program;
import dev.chaos.types.Type;

/** What a name in scope stands for while checking. */
sealed interface Symbol
    permits Symbol.Local, Symbol.Global, Symbol.ModuleAlias, Symbol.DriverNs, Symbol.CoreFn {

  String name();

  /** A value bound in a block or runbook; tracks use for the unused-let warning. */
  final class Local implements Symbol {
    private final String name;
    private final Span span;
    private final Type type;
    private final Ref ref;
    private final boolean warnUnused;
    private boolean used;

    Local(String name, Span span, Type type, Ref ref, boolean warnUnused) {
      this.name = name;
      this.span = span;
      this.type = type;
      this.ref = ref;
      this.warnUnused = warnUnused && !name.startsWith("_");
    }

    public String name() {
      return name;
    }

    Span span() {
      return span;
    }

    Type type() {
      return type;
    }

    Ref ref() {
      return ref;
    }

    boolean warnUnused() {
      return warnUnused;
    }

    boolean used() {
      return used;
    }

    void markUsed() {
      used = true;
    }
  }

  /** A top-level `let`, `fn` or `action` of the file being checked. */
  record Global(String name, Decl decl) implements Symbol {}

  /** An import alias; {@code module} is null when the import failed (already reported). */
  final class ModuleAlias implements Symbol {
    private final String name;
    private final Program.Import declaration;
    private final CheckedProgram module;
    private boolean used;

    ModuleAlias(String name, Program.Import declaration, CheckedProgram module) {
      this.name = name;
      this.declaration = declaration;
      this.module = module;
    }

    public String name() {
      return name;
    }

    Program.Import declaration() {
      return declaration;
    }

    CheckedProgram module() {
      return module;
    }

    boolean used() {
      return used;
    }

    void markUsed() {
      used = true;
    }
  }

  record DriverNs(String name, Driver driver) implements Symbol {}

  /** A core function (the driver with namespace ""), called by its bare name. */
  record CoreFn(String name, Builtin builtin) implements Symbol {}
}
