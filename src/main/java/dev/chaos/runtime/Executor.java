package dev.chaos.runtime;

import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.types.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Statements. Every statement first checks for interruption: that is how a guard that trips, a
 * step timeout, `max_duration` or Ctrl-C stops a step between two calls, as well as inside a
 * `wait` or a driver call. Under `--dry-run` the mutating sections walk through their statements
 * without waiting and without checking what only the skipped mutations could make true.
 */
final class Executor {
  /** `wait until` without `every` checks its condition this often. */
  static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

  private final Interpreter interpreter;

  Executor(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  /** Runs a block in its own scope. */
  void block(Block block, Frame f) throws InterruptedException {
    statements(block, f.child());
  }

  /** Runs a block's statements in {@code f} itself, so that its lets stay visible afterwards. */
  void statements(Block block, Frame f) throws InterruptedException {
    for (Stmt s : block.statements()) {
      statement(s, f);
    }
  }

  private void statement(Stmt s, Frame f) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Evaluator ev = interpreter.evaluator();
    boolean dry = f.site().dryRun();
    switch (s.kind()) {
      case LET: {
        Stmt.Let let = (Stmt.Let) s;
        f.env().define(let, ev.eval(let.value(), f));
        return;
      }
      case EXPECT:
        expect((Stmt.Expect) s, f, dry);
        return;
      case LEVEL:
        level((Stmt.Level) s, f, dry);
        return;
      case WAIT: {
        Value.Duration d = duration(((Stmt.Wait) s).duration(), f);
        Instant until = interpreter.clock().now().plus(d.value());
        interpreter.emit(new RunEvent.Wait(interpreter.now(), f.site().section().label(),
            f.site().name(), d.value(), until, dry));
        if (!dry) {
          interpreter.clock().sleep(d.value());
        }
        return;
      }
      case WAIT_UNTIL:
        waitUntil((Stmt.WaitUntil) s, f, dry);
        return;
      case EXPR:
        ev.eval(((Stmt.ExprStmt) s).expr(), f);
        return;
      case IF: {
        Stmt.If chain = (Stmt.If) s;
        for (Stmt.Branch branch : chain.branches()) {
          if (ev.bool(branch.condition(), f)) {
            block(branch.body(), f);
            return;
          }
        }
        if (chain.orElse() != null) {
          block(chain.orElse(), f);
        }
        return;
      }
      case FOR:
        forLoop((Stmt.For) s, f);
        return;
      case RECORD: {
        Stmt.Record r = (Stmt.Record) s;
        Value v = ev.eval(r.value(), f);
        if (dry) {
          log(f, "would record " + r.name().name());
        } else {
          interpreter.record(r.name().name(), v, f.site());
        }
        return;
      }
      case LOG:
        log(f, ev.text(((Stmt.Log) s).message(), f));
        return;
      case FAIL: {
        String message = ev.text(((Stmt.Fail) s).message(), f);
        if (dry) {
          log(f, "would fail: " + message);
          return;
        }
        throw new ExpectationFailed(s.span(), message);
      }
      default:
        throw new IllegalStateException("unhandled statement " + s.kind());
    }
  }

  private void expect(Stmt.Expect e, Frame f, boolean dry) throws InterruptedException {
    if (dry) {
      log(f, "would check `" + e.condition().span().text() + "`");
      return;
    }
    Evaluator.Check check = interpreter.evaluator().check(e.condition(), f);
    f.site().noteCheck(check.detail());
    if (check.holds()) {
      return;
    }
    String saw = check.detail().equals("false") ? "" : " (" + check.detail() + ")";
    String message = e.message() != null
        ? interpreter.evaluator().text(e.message(), f) + saw
        : "`" + e.condition().span().text() + "` is false" + saw;
    throw new ExpectationFailed(e.span(), message);
  }

  /**
   * A guard's level: its condition says what is wrong. `abort when` that holds fails the guard
   * as a false `expect` does; `warn when` that holds is noted on the site and the guard goes on,
   * so its abort level is still checked.
   */
  private void level(Stmt.Level l, Frame f, boolean dry) throws InterruptedException {
    if (dry) {
      log(f, "would check `" + l.span().text() + "`");
      return;
    }
    Evaluator.Check check = interpreter.evaluator().check(l.condition(), f);
    f.site().noteCheck(check.detail());
    if (!check.holds()) {
      return;
    }
    String saw = check.detail().equals("true") ? "" : " (" + check.detail() + ")";
    String message = l.severity().keyword() + " level `" + l.condition().span().text()
        + "` reached" + saw;
    if (l.severity() == Stmt.Severity.WARN) {
      f.site().noteWarning(message);
      return;
    }
    throw new ExpectationFailed(l.span(), message);
  }

  /**
   * Checks the condition at once, then every `every`, and a last time at the deadline: a
   * condition that becomes true exactly at `within` still counts.
   */
  private void waitUntil(Stmt.WaitUntil w, Frame f, boolean dry) throws InterruptedException {
    Duration every = w.every() == null ? DEFAULT_POLL : duration(w.every(), f).value();
    Duration within = duration(w.within(), f).value();
    var clock = interpreter.clock();
    Instant deadline = clock.now().plus(within);
    interpreter.emit(new RunEvent.WaitUntil(interpreter.now(), f.site().section().label(),
        f.site().name(), w.condition().span().text(), every, within, deadline, dry));
    if (dry) {
      return;
    }
    if (every.isZero() || every.isNegative()) {
      every = DEFAULT_POLL;
    }
    while (true) {
      Evaluator.Check check = interpreter.evaluator().check(w.condition(), f);
      f.site().noteCheck(check.detail());
      if (check.holds()) {
        return;
      }
      Instant now = clock.now();
      if (!now.isBefore(deadline)) {
        String saw = check.detail().equals("false") ? "" : " (last seen: " + check.detail() + ")";
        throw new ExpectationFailed(w.span(), "`" + w.condition().span().text()
            + "` did not hold within " + dev.chaos.types.ValueFormat.duration(within) + saw);
      }
      Instant next = now.plus(every);
      clock.sleepUntil(next.isAfter(deadline) ? deadline : next);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /** A line of the runbook (a `log`) or of the run about it (`would check ...`). */
  private void log(Frame f, String text) {
    interpreter.emit(new RunEvent.Log(interpreter.now(), f.site().section().label(),
        f.site().name(), null, null, text));
  }

  private void forLoop(Stmt.For loop, Frame f) throws InterruptedException {
    Value over = interpreter.evaluator().eval(loop.iterable(), f);
    for (Value item : elements(over, loop.iterable())) {
      Frame body = f.child();
      body.env().define(loop, item);
      block(loop.body(), body);
    }
  }

  private static List<Value> elements(Value over, Expr at) {
    switch (over.kind()) {
      case LIST:
        return ((Value.List) over).items();
      case MAP:
        return new ArrayList<>(((Value.Map) over).entries().keySet());
      case JSON: {
        Object tree = ((Value.Json) over).tree();
        if (tree instanceof List<?> array) {
          List<Value> out = new ArrayList<>();
          array.forEach(item -> out.add(new Value.Json(item)));
          return out;
        }
        if (tree instanceof Map<?, ?>) {
          throw new RunFault(at.span(), "cannot iterate over a Json object: `for` takes a Json "
              + "array");
        }
        throw new RunFault(at.span(), "cannot iterate over "
            + dev.chaos.types.JsonTree.describe(tree));
      }
      default:
        throw new RunFault(at.span(), "cannot iterate over a " + over.kind().typeName());
    }
  }

  private Value.Duration duration(Expr e, Frame f) throws InterruptedException {
    Value v = interpreter.evaluator().eval(e, f);
    if (v instanceof Value.Duration d) {
      return d;
    }
    throw new RunFault(e.span(), "expected a Duration, got " + v.kind().typeName());
  }
}
