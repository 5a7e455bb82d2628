// Benchmarks of `chaos exec` (run with bench/exec-perf.sh, which builds the class path):
//   guard    guard reaction on the real clock: from the moment a guarded value turns bad to
//            the first undo call, over N trials (target: p99 <= guard interval + 50 ms)
//   steps    interpreter overhead of a 200-step runbook of sandbox calls (target < 200 ms)
//   waits    wall time of rehearsing a runbook with 20 minutes of waits (target < 1 s)
// Single-file source program: `java -cp CLASSPATH bench/ExecBench.java guard 100`.

import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.diag.Diagnostics;
import dev.chaos.runtime.Outcome;
import dev.chaos.runtime.RunEngine;
import dev.chaos.runtime.RunOptions;
import dev.chaos.runtime.RunResult;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Clock;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.SystemClock;
import dev.chaos.types.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

public class ExecBench {
  static final DriverRegistry DRIVERS = DriverRegistry.load();

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    if (what.equals("guard") || what.equals("all")) {
      guardReaction(n, 200);
    }
    if (what.equals("steps") || what.equals("all")) {
      steps(200);
    }
    if (what.equals("waits") || what.equals("all")) {
      waits();
    }
  }

  static CheckedProgram check(String text) {
    Diagnostics sink = new Diagnostics();
    CheckedProgram p = new Checker(DRIVERS, new CheckOptions(false))
        .check(new SourceFile("bench.chaos", text), sink);
    if (sink.hasErrors()) {
      throw new IllegalStateException(sink.sorted().toString());
    }
    return p;
  }

  // ---- guard reaction on the real clock --------------------------------------------------

  static void guardReaction(int trials, int intervalMs) throws Exception {
    CheckedProgram program = check("""
        runbook "guard-reaction" {
          environment staging
          guard "value ok" every %dms { expect prometheus.scalar("x") < 0.5 }
          step "disrupt" {
            k8s.scale("deployment", "api", 1)
            wait 10m
          }
        }
        """.formatted(intervalMs));
    List<Double> reactions = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      AtomicLong badAt = new AtomicLong(Long.MAX_VALUE);
      AtomicLong undoAt = new AtomicLong();
      SystemClock clock = new SystemClock();
      Map<String, BuiltinImpl> impls = Map.of(
          "prometheus.scalar", (a, c) -> Value.number(System.nanoTime() >= badAt.get() ? 1 : 0),
          "k8s.scale", (a, c) -> {
            // the value turns bad at a random moment, unrelated to the guard's schedule
            long delay = ThreadLocalRandom.current().nextLong(300, 900) * 1_000_000L;
            badAt.set(System.nanoTime() + delay);
            c.registerUndo("scale back", ctx -> undoAt.compareAndSet(0, System.nanoTime()));
            return Value.integer(3);
          });
      RunResult r = new RunEngine(program, backend(clock, impls), RunOptions.defaults(),
          e -> { }).run();
      if (r.outcome() != Outcome.ABORTED) {
        throw new IllegalStateException("trial " + i + " ended " + r.outcome());
      }
      reactions.add((undoAt.get() - badAt.get()) / 1e6);
    }
    Collections.sort(reactions);
    System.out.printf("guard reaction, interval %d ms, %d trials: median %.1f ms, p90 %.1f ms,"
        + " p99 %.1f ms, max %.1f ms (target p99 <= %d ms)%n", intervalMs, trials,
        pct(reactions, 50), pct(reactions, 90), pct(reactions, 99),
        reactions.get(reactions.size() - 1), intervalMs + 50);
  }

  static double pct(List<Double> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static Backend backend(Clock clock, Map<String, BuiltinImpl> impls) {
    return new Backend() {
      public Clock clock() {
        return clock;
      }

      public BuiltinImpl impl(String name) {
        return impls.get(name);
      }

      public void close() { }
    };
  }

  // ---- interpreter overhead: 200 steps of sandbox calls --------------------------------

  static Backend sandbox() throws Exception {
    BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("sandbox")).findFirst()
        .orElseThrow();
    return provider.open(null, Map.of());
  }

  static void steps(int count) throws Exception {
    StringBuilder text = new StringBuilder("""
        runbook "many-steps" {
          environment staging
          let backend = k8s.selector("llm-marketplace", "tier=backend")
        """);
    for (int i = 0; i < count; i++) {
      text.append("""
            step "step %d" {
              let pods = k8s.pods(backend)
              expect pods.ready <= pods.total
              redis.set("chaos:bench:%d", "v%d")
              expect redis.get("chaos:bench:%d") == "v%d"
              record last = "%d of ${pods.total}"
            }
          """.formatted(i, i, i, i, i, i));
    }
    text.append("}\n");
    CheckedProgram program = check(text.toString());
    List<Double> times = new ArrayList<>();
    for (int run = 0; run < 15; run++) {
      Backend backend = sandbox();
      long start = System.nanoTime();
      RunResult r = new RunEngine(program, backend, RunOptions.defaults(), e -> { }).run();
      times.add((System.nanoTime() - start) / 1e6);
      if (r.outcome() != Outcome.PASSED || r.undos().size() != count) {
        throw new IllegalStateException(r.outcome() + " " + r.reason());
      }
    }
    double first = times.get(0);
    List<Double> warm = new ArrayList<>(times.subList(5, times.size()));
    Collections.sort(warm);
    System.out.printf("%d steps (%d sandbox calls and %d undos): first run %.1f ms, warm median"
        + " %.1f ms (target < 200 ms)%n", count, count * 3, count, first, pct(warm, 50));
  }

  // ---- 20 minutes of waits in the sandbox ------------------------------------------------

  static void waits() throws Exception {
    CheckedProgram program = check("""
        import "slo"
        runbook "long-waits" {
          environment staging
          let backend = k8s.selector("llm-marketplace", "tier=backend")
          observe error_rate = slo.error_rate() every 5s
          guard "error rate under 5%" every 1s { expect slo.error_rate() < 5% }
          verify "under 1%" throughout { expect slo.error_rate() < 1% }
          step "kill" { k8s.kill_pods(backend, count: 1) } undo { wait 1m }
          step "hold" { wait 10m }
          step "hold more" {
            wait until k8s.pods(backend).ready == k8s.pods(backend).total every 2s within 1m
            wait 9m
          }
          recovery within 2m every 5s { expect slo.error_rate() < 0.1% }
        }
        """);
    List<Double> times = new ArrayList<>();
    RunResult last = null;
    for (int run = 0; run < 5; run++) {
      Backend backend = sandbox();
      long start = System.nanoTime();
      last = new RunEngine(program, backend, RunOptions.defaults(), e -> { }).run();
      times.add((System.nanoTime() - start) / 1e6);
    }
    System.out.printf("rehearsal of %s of run clock (guard every 1s, observe every 5s): first"
        + " run %.1f ms, then %.1f ms (outcome %s; target < 1 s)%n",
        dev.chaos.types.ValueFormat.duration(last.duration()), times.get(0),
        times.get(times.size() - 1), last.outcome().label());
    if (last.duration().compareTo(Duration.ofMinutes(20)) < 0) {
      throw new IllegalStateException("expected 20 minutes of waits, got " + last.duration());
    }
  }
}
