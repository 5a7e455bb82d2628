package dev.chaos.runtime;

import dev.chaos.check.CallInfo;
import dev.chaos.check.Callee;
import dev.chaos.check.CheckedProgram;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.Effect;
import dev.chaos.spi.Preview;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.types.Conformance;
import dev.chaos.types.Value;
import dev.chaos.types.ValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls, as the checker bound them: a builtin through the backend's implementation, with a
 * deadline and a place to register its inverse; a `fn` or an `action` in a fresh environment of
 * the file that declares it. Mutations are journaled before they happen. Under `--dry-run` a
 * mutation still reaches its driver, which reads what it needs, says what it would change (a
 * {@link Preview}) and changes nothing; the preview goes into the plan.
 */
final class Calls {
  private final Interpreter interpreter;

  Calls(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  Value call(Expr.Call call, Frame f, Evaluator ev) throws InterruptedException {
    CallInfo info = f.program().callOf(call);
    if (info == null) {
      throw new RunFault(call.span(), "`" + call.callee().span().text()
          + "` was not resolved by the checker");
    }
    Callee callee = info.callee();
    if (callee instanceof Callee.Native n) {
      return builtin(call, info, n.builtin(), f, ev);
    }
    try {
      if (callee instanceof Callee.UserFn fn) {
        Frame body = parameters(fn.owner(), fn.fn().params(), info, f, ev);
        return ev.eval(fn.fn().body(), body);
      }
      Callee.UserAction action = (Callee.UserAction) callee;
      Frame body = parameters(action.owner(), action.action().params(), info, f, ev);
      interpreter.executor().block(action.action().body(), body);
      return Value.UNIT;
    } catch (StackOverflowError tooDeep) {
      throw new RunFault(call.span(), "`" + call.callee().span().text()
          + "` calls itself too deeply");
    }
  }

  /** Binds each parameter to its argument, or to its default evaluated in the callee's file. */
  private static Frame parameters(CheckedProgram owner, List<ParamDecl> params, CallInfo info,
      Frame caller, Evaluator ev) throws InterruptedException {
    Frame callee = new Frame(owner, Environment.root(), caller.site());
    for (ParamDecl p : params) {
      Expr argument = info.arguments().get(p.name().name());
      Value v = argument != null ? ev.eval(argument, caller) : ev.eval(p.defaultValue(), callee);
      callee.env().define(p, v);
    }
    return callee;
  }

  private Value builtin(Expr.Call call, CallInfo info, Builtin builtin, Frame f, Evaluator ev)
      throws InterruptedException {
    Map<String, Value> byName = new LinkedHashMap<>();
    for (Map.Entry<String, Expr> a : info.arguments().entrySet()) {
      byName.put(a.getKey(), ev.eval(a.getValue(), f));
    }
    List<Value> rest = new ArrayList<>();
    for (Expr e : info.rest()) {
      rest.add(ev.eval(e, f));
    }
    CallArgs args = new CallArgs(byName, rest);
    Site site = f.site();
    String fn = builtin.qualifiedName();
    boolean mutates = builtin.effect() == Effect.MUTATE;
    boolean journaled = !site.section().sampled();
    if (mutates) {
      interpreter.emit(new RunEvent.Call(interpreter.now(), fn, EventValues.args(args),
          site.section().label(), site.name(), builtin.hasInverse() ? builtin.inverse() : null,
          site.dryRun()));
    }
    BuiltinImpl impl = interpreter.backend().impl(fn);
    if (impl == null) {
      throw new RunFault(call.callee().span(), "`" + fn + "` is not available in this backend");
    }
    Instant deadline = earlier(site.deadline(),
        interpreter.clock().now().plus(interpreter.options().callTimeout()));
    DriverCall context = new DriverCall(interpreter, site, fn, args, call.span(), deadline);
    Value result;
    try {
      result = impl.call(args, context);
    } catch (InterruptedException | Failure passOn) {
      throw passOn;
    } catch (Exception | LinkageError | AssertionError e) {
      String reason = failure(e);
      if (journaled || mutates) {
        interpreter.emit(new RunEvent.CallResult(interpreter.now(), fn,
            mutates ? null : EventValues.args(args), false, null, reason));
      }
      throw new RunFault(call.span(), "`" + fn + "` failed: " + reason, e);
    }
    if (result == null) {
      result = Value.UNIT;
    }
    // the checker typed the program by the table: a driver that answers otherwise is a defect,
    // stopped here rather than where the value is used
    String mismatch = Conformance.mismatch(result, builtin.signature().result());
    if (mismatch != null) {
      String reason = "its driver answered a value its signature does not allow: " + mismatch;
      if (journaled || mutates) {
        interpreter.emit(new RunEvent.CallResult(interpreter.now(), fn,
            mutates ? null : EventValues.args(args), false, null, reason));
      }
      throw new RunFault(call.span(), "`" + fn + "` failed: " + reason);
    }
    if (mutates && context.run().dryRun()) {
      return previewed(call, fn, site, context, result);
    }
    if (mutates) {
      interpreter.noteMutation(site, fn, Shown.args(args), Shown.brief(result),
          context.affectedNote());
    }
    if (journaled || mutates) {
      interpreter.emit(new RunEvent.CallResult(interpreter.now(), fn,
          mutates ? null : EventValues.args(args), true, EventValues.of(result), null));
    }
    return result;
  }

  /**
   * A mutation's answer to a dry run, once its preview is in the plan. A driver that answered
   * without a preview may not have honoured the dry run at all: that is a defect of the driver,
   * and the run stops at it rather than carry on as if nothing had happened.
   */
  private Value previewed(Expr.Call call, String fn, Site site, DriverCall context,
      Value result) {
    Preview preview = context.previewed();
    if (preview == null) {
      throw new RunFault(call.callee().span(), "`" + fn + "` answered a dry run without a"
          + " preview of what it would change: its driver does not support `--dry-run`");
    }
    interpreter.notePreview(site, fn, preview);
    return result;
  }

  /** The driver's own one-line message; the exception's type when it has none. */
  static String failure(Throwable e) {
    if (e instanceof ValueException) {
      return e.getMessage();
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
