package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.chaos.check.CheckOptions;
import dev.chaos.diag.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void initializationOptionsAreChaosChecksOptions() {
    assertThat(Settings.checkOptions(null)).isEqualTo(CheckOptions.defaults());
    assertThat(Settings.checkOptions(JsonParser.parseString("{\"as\": \"prod\"}")))
        .isEqualTo(new CheckOptions(true, false));
    assertThat(Settings.checkOptions(JsonParser.parseString("{\"strict\": true}")))
        .isEqualTo(new CheckOptions(false, true));
    assertThat(Settings.checkOptions(JsonParser.parseString("{\"as\": 3, \"strict\": \"yes\"}")))
        .isEqualTo(CheckOptions.defaults());
  }

  /** `as: prod` applies the production rules, as `chaos check --as prod` does. */
  @Test
  void asProdAppliesTheProductionRules() {
    Path file = Path.of("runbooks/pod-failure.chaos").toAbsolutePath();
    String text = "runbook \"r\" {\n  environment staging\n}\n";
    Analyzer analyzer = LspFixtures.analyzer();
    assertThat(analyzer.analyze(file.toUri().toString(), 1, text).diagnostics())
        .noneMatch(Diagnostic::isError);
    analyzer.options(new CheckOptions(true, false));
    assertThat(analyzer.analyze(file.toUri().toString(), 2, text).diagnostics())
        .anyMatch(Diagnostic::isError);
  }
}
