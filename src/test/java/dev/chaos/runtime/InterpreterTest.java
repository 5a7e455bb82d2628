package dev.chaos.runtime;

import static dev.chaos.runtime.RunFixture.run;
import static dev.chaos.runtime.RunFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.types.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Expressions and statements, run inside a step of a runbook on the fake backend. */
@Timeout(20)
class InterpreterTest {
  private static RunFixture.Run step(String statements) {
    return run(runbook("  step \"s\" {\n" + statements + "\n  }"), new FakeBackend());
  }

  @Test
  void unitsArithmeticAndInterpolation() {
    RunFixture.Run r = step("""
        let d = 1m30s + 500ms * 2
        let p = 30% / 2
        let ratio = 0.4% / 1%
        let mixed = 3 + 0.5
        let exact = 1 / 4
        record d = d
        log "d=${d} p=${p} ratio=${ratio} mixed=${mixed} exact=${exact} t=${02:00}"
        """);
    assertThat(r.result().outcome()).isEqualTo(Outcome.PASSED);
    assertThat(r.logs()).contains("d=1m31s p=15% ratio=0.4 mixed=3.5 exact=0.25 t=02:00");
    assertThat(r.result().records()).containsEntry("d", "1m31s");
  }

  @Test
  void comparisonsByTypeAndShortCircuit() {
    RunFixture.Run r = step("""
        expect 500ms < 1s
        expect 0.1% < 1%
        expect 2 == 2.0
        expect [1, 2] == [1, 2]
        expect {a: 1} == {a: 1}
        expect "a" < "b"
        expect false or true
        expect not (true and false)
        expect true or 1 / 0 == 1
        """);
    assertThat(r.result().outcome()).as(r.result().reason()).isEqualTo(Outcome.PASSED);
  }

  @Test
  void aFalseExpectFailsTheStepAndSaysWhatItSaw() {
    RunFixture.Run r = step("  expect 2 + 2 == 5");
    assertThat(r.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result().steps().get(0).message()).isEqualTo("`2 + 2 == 5` is false (4 == 5)");
    assertThat(r.result().steps().get(0).where()).isEqualTo("test.chaos:4:3");
  }

  @Test
  void elseMessageReplacesTheCondition() {
    RunFixture.Run r = step("  expect 1 > 2 else \"one is not more than two\"");
    assertThat(r.result().steps().get(0).message()).isEqualTo("one is not more than two (1 > 2)");
  }

  @Test
  void aValueFaultIsAnErrorAtItsNode() {
    RunFixture.Run r = step("  let xs = [1, 2]\n  log \"${xs[5]}\"");
    assertThat(r.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result().steps().get(0).message())
        .isEqualTo("index 5 is out of range for a list of 2 elements");
  }

  @Test
  void ifElseChainsAndLoops() {
    RunFixture.Run r = step("""
        for x in [1, 2, 3] {
          if x == 1 {
            log "one"
          } else if x == 2 {
            log "two"
          } else {
            log "many ${x}"
          }
        }
        """);
    assertThat(r.logs()).containsExactly("one", "two", "many 3");
  }

  @Test
  void userFunctionsAndActionsWithDefaults() {
    String text = """
        fn double(x: Int, by: Int = 2) -> Int = x * by
        action shout(word: String, times: Int = 1) {
          for i in [1, 2, 3] {
            if i <= times {
              log "${word}!"
            }
          }
        }
        """ + runbook("""
          step "s" {
            record four = double(2)
            record nine = double(3, by: 3)
            shout("hey", times: 2)
          }
        """);
    RunFixture.Run r = run(text, new FakeBackend());
    assertThat(r.result().outcome()).as(r.result().reason()).isEqualTo(Outcome.PASSED);
    assertThat(r.result().records()).containsEntry("four", "4").containsEntry("nine", "9");
    assertThat(r.logs()).containsExactly("hey!", "hey!");
  }

  /** The checker typed the program by the table: a driver must answer what it declares. */
  @Test
  void aDriverThatAnswersAnotherTypeThanItDeclaresFailsTheCall() {
    FakeBackend backend = new FakeBackend()
        .on("prometheus.scalar", (a, c) -> Value.str("0.004"));
    RunFixture.Run r = run(runbook("""
          step "s" {
            let rate = prometheus.scalar("up")
            log "never ${rate}"
          }
        """), backend);
    assertThat(r.result().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result().steps().get(0).message()).isEqualTo("`prometheus.scalar` failed: its "
        + "driver answered a value its signature does not allow: expected Float, got String");
    assertThat(r.logs()).isEmpty();
  }

  @Test
  void stdlibModulesAndRunbookImplicitValue() {
    FakeBackend backend = new FakeBackend()
        .on("prometheus.scalar", (a, c) -> Value.number(0.004));
    String text = "import \"slo\"\n" + runbook("""
          title "A title"
          step "s" {
            log "${runbook.name} in ${runbook.environment}: ${runbook.title}, ${slo.error_rate()}"
          }
        """);
    RunFixture.Run r = run(text, backend);
    assertThat(r.logs()).containsExactly("t in staging: A title, 0.4%");
  }

  @Test
  void secretsNeverShow() {
    FakeBackend backend = new FakeBackend()
        .on("http.get", (a, c) -> Value.rec("Response", "status", Value.integer(200),
            "latency", Value.duration(java.time.Duration.ofMillis(5)), "body", Value.str("ok")));
    RunFixture.Run r = run(runbook("""
          step "s" {
            let r = http.get("http://x", headers: {Authorization: secret("token")})
          }
        """), backend);
    assertThat(r.result().outcome()).as(r.result().reason()).isEqualTo(Outcome.PASSED);
    assertThat(r.events().toString()).doesNotContain("hunter2").contains("***");
  }

  @Test
  void waitUntilPollsOnTheClockAndFailsAtItsDeadline() {
    FakeBackend backend = new FakeBackend();
    RunFixture.Run r = run(runbook("""
          step "s" {
            let started = now()
            wait until now() - started >= 7s every 2s within 10s
            record waited = now() - started
            wait until false every 3s within 10s
          }
        """), backend);
    assertThat(r.result().records()).containsEntry("waited", "8s");
    assertThat(r.result().steps().get(0).message())
        .isEqualTo("`false` did not hold within 10s");
    assertThat(backend.elapsed()).isEqualTo(java.time.Duration.ofSeconds(18));
  }
}
