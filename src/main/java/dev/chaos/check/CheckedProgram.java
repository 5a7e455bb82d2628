package dev.chaos.check;

import dev.chaos.source.SourceFile;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Member;
import dev.chaos.types.Type;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A program with everything the interpreter needs to run it without looking anything up: the
 * imported modules, and side tables keyed by node identity (the AST is never changed; records
 * compare by value, so the tables are {@link IdentityHashMap}s). Built by the {@link Checker};
 * read-only to everyone else. The tables are complete only when the check had no errors.
 */
public final class CheckedProgram {
  private final dev.chaos.syntax.ast.Program program;
  private final Map<String, CheckedProgram> modules = new LinkedHashMap<>();
  private final Map<String, Decl> exports = new LinkedHashMap<>();
  private final Map<Expr, Type> types = new IdentityHashMap<>();
  private final Map<Expr, Ref> refs = new IdentityHashMap<>();
  private final Map<Expr.Call, CallInfo> calls = new IdentityHashMap<>();
  private final Map<Member.Step, StepInfo> steps = new IdentityHashMap<>();
  private final Map<Decl.Action, Boolean> actionMutates = new IdentityHashMap<>();
  private final Map<Decl, CallSig> signatures = new IdentityHashMap<>();

  CheckedProgram(dev.chaos.syntax.ast.Program program) {
    this.program = program;
  }

  public dev.chaos.syntax.ast.Program program() {
    return program;
  }

  public SourceFile source() {
    return program.source();
  }

  /** The file's runbook; empty for a module. */
  public Optional<Decl.Runbook> runbook() {
    return program.decls().stream()
        .filter(d -> d.kind() == Decl.Kind.RUNBOOK)
        .map(d -> (Decl.Runbook) d)
        .findFirst();
  }

  /** Imported modules by alias; an import that failed to load is absent. */
  public Map<String, CheckedProgram> modules() {
    return Collections.unmodifiableMap(modules);
  }

  /** Top-level `let`, `fn` and `action` declarations by name (the first of duplicates). */
  public Map<String, Decl> exports() {
    return Collections.unmodifiableMap(exports);
  }

  /** The static type of an expression; the error type for nodes the checker never typed. */
  public Type typeOf(Expr e) {
    return types.getOrDefault(e, Type.ERROR);
  }

  /** What a {@code Name} or {@code Member} expression stands for; null when unresolved. */
  public Ref refOf(Expr e) {
    return refs.get(e);
  }

  /** The resolved callee and bound arguments of a call; null when the call did not resolve. */
  public CallInfo callOf(Expr.Call call) {
    return calls.get(call);
  }

  /** Effects and undo of a step of the runbook. */
  public StepInfo stepInfo(Member.Step step) {
    return steps.get(step);
  }

  /** Whether an action of this file changes the world, directly or through other actions. */
  public boolean mutates(Decl.Action action) {
    return actionMutates.getOrDefault(action, true);
  }

  /** The checked signature of a top-level `fn` or `action` of this file. */
  CallSig signature(Decl decl) {
    return signatures.get(decl);
  }

  void putSignature(Decl decl, CallSig sig) {
    signatures.put(decl, sig);
  }

  void putModule(String alias, CheckedProgram module) {
    modules.put(alias, module);
  }

  void putExport(String name, Decl decl) {
    exports.putIfAbsent(name, decl);
  }

  void putType(Expr e, Type t) {
    types.put(e, t);
  }

  void putRef(Expr e, Ref r) {
    refs.put(e, r);
  }

  void putCall(Expr.Call call, CallInfo info) {
    calls.put(call, info);
  }

  void putStep(Member.Step step, StepInfo info) {
    steps.put(step, info);
  }

  void putActionMutates(Decl.Action action, boolean mutates) {
    actionMutates.put(action, mutates);
  }

  @Override
  public String toString() {
    return "CheckedProgram[" + source().path() + "]";
  }
}
