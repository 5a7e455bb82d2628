package dev.chaos.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.diag.Diagnostic;
import dev.chaos.drivers.sandbox.WorldFileException;
import dev.chaos.drivers.sandbox.WorldLoader;
import dev.chaos.source.SourceFile;
import dev.chaos.syntax.ParseResult;
import dev.chaos.syntax.Parser;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same duration text read by the three readers of the project: a runbook literal, a
 * `chaos.yaml` timeout and a world-file interval give the same value, or the same one-line
 * refusal after each reader's own location prefix.
 */
class SameTextEverywhereTest {
  private static final Path CONFIG = Path.of("/srv/chaos/chaos.yaml");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      500ms                  | PT0.5S
      30s                    | PT30S
      1.5s                   | PT1.5S
      1m30s                  | PT1M30S
      2h15m                  | PT2H15M
      1d                     | PT24H
      1h2m3s4ms              | PT1H2M3.004S
      0.5ms                  | PT0.0005S
      """)
  void aDurationMeansTheSameEverywhere(String text, Duration expected) throws Exception {
    assertThat(inRunbook(text)).isEqualTo(expected);
    assertThat(inConfig(text)).isEqualTo(expected);
    assertThat(inWorld(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      30s1m                  | UNIT_ORDER
      1m1m                   | UNIT_ORDER
      10min                  | MALFORMED
      1m30                   | MALFORMED
      5sec                   | MALFORMED
      99999999999999999999h  | TOO_LARGE
      """)
  void aRefusedDurationIsRefusedTheSameWayEverywhere(String text, UnitProblem problem) {
    String refusal = refusal(text, problem);
    assertThat(runbookDiagnostic(text).message()).isEqualTo(refusal);
    assertThat(configError(text)).isEqualTo(CONFIG + ":4:16: `environments.staging.prometheus"
        + ".timeout`: " + refusal);
    assertThat(worldError(text)).isEqualTo("w.yaml:1:7: `tick`: " + refusal);
  }

  /** Texts a runbook cannot hold as one literal (`5` is an Int there, a type error later). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      5                      | NO_UNIT
      5 seconds              | MALFORMED
      1m 30s                 | MALFORMED
      -5s                    | SIGNED
      0s                     | NOT_ABOVE_ZERO
      """)
  void aRefusedTimeoutIsRefusedTheSameWayInBothFiles(String text, UnitProblem problem) {
    String refusal = refusal(text, problem);
    assertThat(configError(text)).endsWith("`environments.staging.prometheus.timeout`: " + refusal);
    assertThat(worldError(text)).isEqualTo("w.yaml:1:7: `tick`: " + refusal);
  }

  /** The one-line refusal of the units module, checked to be for the expected reason. */
  private static String refusal(String text, UnitProblem problem) {
    UnitException e = (UnitException) catchThrowable(
        () -> Durations.parse(text, DurationSyntax.POSITIVE));
    assertThat(e).as(text).isNotNull();
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.getMessage()).startsWith("`" + text + "` ").doesNotContain("\n");
    return e.getMessage();
  }

  private static ParseResult parse(String text) {
    return Parser.parse(new SourceFile("t.chaos", "let x = " + text + "\n"));
  }

  private static Duration inRunbook(String text) {
    ParseResult result = parse(text);
    assertThat(result.diagnostics()).isEmpty();
    return ((Expr.DurationLit) ((Decl.Let) result.program().decls().get(0)).value()).value();
  }

  private static Diagnostic runbookDiagnostic(String text) {
    List<Diagnostic> diagnostics = parse(text).diagnostics();
    assertThat(diagnostics).hasSize(1);
    return diagnostics.get(0);
  }

  private static String config(String text) {
    return "environments:\n  staging:\n    prometheus:\n      timeout: " + text
        + "\n      url: http://prom:9090\n    class: staging\n";
  }

  private static Duration inConfig(String text) throws ConfigException {
    return ChaosConfig.parse(CONFIG, config(text), Path.of("/home/op"))
        .environment("staging").requirePrometheus().timeout();
  }

  private static String configError(String text) {
    return catchThrowableOfType(
        () -> inConfig(text), ConfigException.class).getMessage();
  }

  private static Duration inWorld(String text) {
    return WorldLoader.parse("tick: " + text + "\n", "w.yaml").tick();
  }

  private static String worldError(String text) {
    return catchThrowableOfType(() -> inWorld(text), WorldFileException.class).getMessage();
  }
}
