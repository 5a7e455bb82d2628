package dev.chaos.runtime;

import dev.chaos.check.CheckedProgram;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Expr;
import java.time.Instant;

/**
 * Evaluates the sampled sections: a block of `expect`s (a guard, a `throughout` verify, a
 * recovery, a precondition, a point-in-time verify) or an observed expression. A probe never
 * throws a {@link Failure}: it becomes the sample's `false` or `error`.
 */
final class Probes {
  private final Interpreter interpreter;
  private final CheckedProgram program;
  private final Environment runbookEnv;

  Probes(Interpreter interpreter, CheckedProgram program, Environment runbookEnv) {
    this.interpreter = interpreter;
    this.program = program;
    this.runbookEnv = runbookEnv;
  }

  Sample block(Section section, String name, Block body) throws InterruptedException {
    return block(new Site(section, name, deadline(), null, false), body);
  }

  /** A guard's sample, and what its first `warn when` that held saw (null: none held). */
  record Guarded(Sample sample, String warning) {}

  Guarded guard(String name, Block body) throws InterruptedException {
    Site site = new Site(Section.GUARD, name, deadline(), null, false);
    Sample s = block(site, body);
    return new Guarded(s, s.outcome() == ProbeOutcome.TRUE ? site.warning() : null);
  }

  private Sample block(Site site, Block body) throws InterruptedException {
    try {
      interpreter.executor().block(body, new Frame(program, runbookEnv, site));
      return Sample.held(site.lastCheck() == null ? "true" : site.lastCheck());
    } catch (Failure f) {
      return Sample.failed(f, site.lastCheck());
    } catch (RuntimeException | StackOverflowError bug) {
      return new Sample(ProbeOutcome.ERROR, null, "internal error: " + bug, null);
    }
  }

  Sample expression(String name, Expr value) throws InterruptedException {
    Site site = new Site(Section.OBSERVE, name, deadline(), null, false);
    try {
      return Sample.of(interpreter.evaluator().eval(value, new Frame(program, runbookEnv, site)));
    } catch (Failure f) {
      return Sample.failed(f, null);
    } catch (RuntimeException | StackOverflowError bug) {
      return new Sample(ProbeOutcome.ERROR, null, "internal error: " + bug, null);
    }
  }

  private Instant deadline() {
    return interpreter.clock().now().plus(interpreter.options().callTimeout());
  }
}
