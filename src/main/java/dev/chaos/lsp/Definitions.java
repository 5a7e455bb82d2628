package dev.chaos.lsp;

import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Ref;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Ident;
import dev.chaos.syntax.ast.Program;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Go to definition and find references, for lets (top-level, runbook and block), fns, actions,
 * parameters, `for` variables, observed values, imports and section labels, across the
 * imported modules and the other open documents. A declaration is known by where its name is
 * (file and offset), so the same module checked twice is still one declaration.
 */
final class Definitions {
  private Definitions() {}

  /**
   * Where the thing under the cursor is declared; empty for builtins and plain values. A
   * declaration in a bundled stdlib module is shown in a read-only copy ({@link BundledSources}).
   */
  static List<Location> definition(Target target) {
    Span name = declaration(target);
    if (name != null) {
      String uri = BundledSources.uri(name.source());
      return uri == null ? List.of() : List.of(new Location(uri, Positions.range(name)));
    }
    if (target instanceof Target.Module m) {
      String uri = BundledSources.uri(m.module().source());
      return uri == null ? List.of() : List.of(new Location(uri,
          new Range(new Position(0, 0), new Position(0, 0))));
    }
    return List.of();
  }

  /**
   * Every use of the thing under the cursor in {@code here}, its modules and {@code others}
   * (the other open documents), and its declaration when {@code withDeclaration}.
   */
  static List<Location> references(Target target, Analysis here, Iterable<Analysis> others,
      boolean withDeclaration) {
    Map<String, Location> found = new LinkedHashMap<>();
    Span name = declaration(target);
    if (name == null && !(target instanceof Target.Module)) {
      return List.of();
    }
    String wanted = key(target);
    if (withDeclaration && name != null) {
      add(found, name);
    }
    Map<CheckedProgram, Boolean> seen = new IdentityHashMap<>();
    search(here.program(), wanted, found, seen);
    if (!(target instanceof Target.Local)) {
      for (Analysis other : others) {
        if (!other.uri().equals(here.uri())) {
          search(other.program(), wanted, found, seen);
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  private static void search(CheckedProgram program, String wanted,
      Map<String, Location> found, Map<CheckedProgram, Boolean> seen) {
    if (seen.put(program, true) != null) {
      return;
    }
    Program ast = program.program();
    AstWalk.program(ast, (node, span) -> {
      if (node instanceof Expr.Name || node instanceof Expr.Member) {
        Expr e = (Expr) node;
        if (wanted.equals(key(program.refOf(e)))) {
          add(found, e instanceof Expr.Member m ? m.name().span() : e.span());
        }
      }
      if (node instanceof Program.Import imp && wanted.startsWith("module:")) {
        CheckedProgram module = program.modules().get(imp.alias() != null
            && !imp.alias().isMissing() ? imp.alias().name() : Targets.defaultAlias(imp.path().text()));
        if (module != null && wanted.equals("module:" + module.source().path())) {
          add(found, imp.path().span());
        }
      }
      return true;
    });
    for (CheckedProgram module : program.modules().values()) {
      search(module, wanted, found, seen);
    }
  }

  private static void add(Map<String, Location> found, Span span) {
    String path = span.source().path();
    if (Uris.isBundled(path)) {
      return; // a module bundled in the jar has no file to show
    }
    Location location = new Location(Uris.uri(path), Positions.range(span));
    found.putIfAbsent(location.getUri() + "@" + location.getRange(), location);
  }

  /** The name a declaration has, where it is written; null for what has none in a file. */
  static Span declaration(Target target) {
    if (target instanceof Target.Global g) {
      return g.name();
    }
    if (target instanceof Target.Local l) {
      Ident name = l.name();
      return name == null ? null : name.span();
    }
    if (target instanceof Target.Section s) {
      return s.at();
    }
    return null;
  }

  private static String key(Target target) {
    if (target instanceof Target.Module m) {
      return "module:" + m.module().source().path();
    }
    Span name = declaration(target);
    return name == null ? "" : key(name);
  }

  private static String key(Span name) {
    return name.source().path() + "@" + name.start();
  }

  private static String key(Ref ref) {
    if (ref instanceof Ref.Global g) {
      return key(new Target.Global(g.decl().span(), g.owner(), g.decl()).name());
    }
    if (ref instanceof Ref.Local l) {
      Ident name = Target.nameOf(l.declaration());
      return name == null ? null : key(name.span());
    }
    if (ref instanceof Ref.Module m) {
      return "module:" + m.module().source().path();
    }
    return null;
  }
}
