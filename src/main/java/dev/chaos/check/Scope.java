package dev.chaos.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain of environments: block, section, runbook, file. Names are declared as they are met
 * (lets are sequential); the file's globals sit at the root and are all declared up front.
 */
final class Scope {
  private final Scope parent;
  private final Map<String, Symbol> symbols = new LinkedHashMap<>();

  private Scope(Scope parent) {
    this.parent = parent;
  }

  static Scope root() {
    return new Scope(null);
  }

  Scope child() {
    return new Scope(this);
  }

  /** Declares a name; returns the symbol it replaces in this very scope, if any. */
  Symbol declare(Symbol symbol) {
    return symbols.put(symbol.name(), symbol);
  }

  Symbol declaredHere(String name) {
    return symbols.get(name);
  }

  Symbol lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Symbol found = s.symbols.get(name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * Every visible name, innermost first, for "did you mean"; a shadowed name comes twice. Read
   * in place, not copied: it is read for every unknown name of a file.
   */
  Iterable<String> visibleNames() {
    return () -> java.util.stream.Stream.iterate(this, s -> s != null, s -> s.parent)
        .flatMap(s -> s.symbols.keySet().stream()).iterator();
  }

  List<Symbol.Local> ownLocals() {
    List<Symbol.Local> out = new ArrayList<>();
    for (Symbol s : symbols.values()) {
      if (s instanceof Symbol.Local l) {
        out.add(l);
      }
    }
    return out;
  }
}
