package dev.chaos.runtime;

import dev.chaos.check.CheckedProgram;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.types.Value;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Top-level `let`s of the runbook's file and of its modules, each evaluated once, when first
 * used. They are read-only by rule, so two probe threads that race to evaluate one compute the
 * same value and either may win; no lock is held while evaluating, so an evaluation that waits
 * on the clock never blocks another thread.
 */
final class ModuleValues {
  private final Interpreter interpreter;
  private final Map<Decl.Let, Value> values = Collections.synchronizedMap(new IdentityHashMap<>());

  ModuleValues(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  Value value(CheckedProgram owner, Decl.Let let, Site site) throws InterruptedException {
    Value known = values.get(let);
    if (known != null) {
      return known;
    }
    Value computed = interpreter.evaluator().eval(let.value(),
        new Frame(owner, Environment.root(), site));
    Value raced = values.putIfAbsent(let, computed);
    return raced != null ? raced : computed;
  }
}
