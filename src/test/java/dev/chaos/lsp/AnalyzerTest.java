package dev.chaos.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.Checker;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's diagnostics are `chaos check`'s, and its cache never serves a stale module. */
class AnalyzerTest {
  @TempDir
  Path dir;

  /** Every runbook and golden input: the same diagnostics as a fresh `chaos check`. */
  @Test
  void diagnosticsAreThoseOfChaosCheck() throws IOException {
    Analyzer analyzer = LspFixtures.analyzer();
    List<Path> files;
    try (Stream<Path> runbooks = Files.list(Path.of("runbooks"));
        Stream<Path> golden = Files.walk(Path.of("src/test/resources"))) {
      files = Stream.concat(runbooks, golden)
          .filter(p -> p.toString().endsWith(".chaos")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    int withDiagnostics = 0;
    for (Path file : files) {
      Path absolute = file.toAbsolutePath().normalize();
      String text = Files.readString(absolute);
      Diagnostics sink = new Diagnostics();
      new Checker(LspFixtures.DRIVERS, CheckOptions.defaults())
          .check(new SourceFile(absolute.toString(), text), sink);
      List<String> expected = sink.sorted().stream()
          .filter(d -> d.span().source().path().equals(absolute.toString()))
          .map(AnalyzerTest::shown).toList();
      // analysed twice, so the second one is served from the cache of modules
      analyzer.analyze(absolute.toUri().toString(), 1, text);
      List<String> actual = analyzer.analyze(absolute.toUri().toString(), 2, text).diagnostics()
          .stream().map(AnalyzerTest::shown).toList();
      assertThat(actual).as(file.toString()).isEqualTo(expected);
      withDiagnostics += expected.isEmpty() ? 0 : 1;
    }
    assertThat(withDiagnostics).isGreaterThan(5);
  }

  private static String shown(Diagnostic d) {
    return d.code() + " " + d.severity() + " " + d.span().start() + "-" + d.span().end() + " "
        + d.message() + " | " + d.label() + " | " + d.helps() + " | " + d.related();
  }

  @Test
  void theFeatureFixturesAreClean() throws IOException {
    FeaturesFixture fixture = new FeaturesFixture(dir);
    assertThat(fixture.analysis().diagnostics()).isEmpty();
    assertThat(LspFixtures.analyze(fixture.module, FeaturesFixture.MODULE).diagnostics()).isEmpty();
  }

  @Test
  void aModuleChangedOnDiskIsReadAgain() throws IOException {
    Path module = dir.resolve("lib.chaos");
    Files.writeString(module, "fn answer() -> Int = 42\n");
    Path main = dir.resolve("main.chaos");
    String text = "import \"lib.chaos\" as lib\nlet x = lib.answer()\n";
    Analyzer analyzer = LspFixtures.analyzer();
    assertThat(analyzer.analyze(main.toUri().toString(), 1, text).diagnostics()).isEmpty();
    Files.writeString(module, "fn other() -> Int = 42\n");
    assertThat(analyzer.analyze(main.toUri().toString(), 2, text).diagnostics())
        .extracting(d -> d.code().name()).containsExactly("CH0203");
  }

  @Test
  void anOpenBufferIsReadBeforeTheDisk() throws IOException {
    Path module = dir.resolve("lib.chaos");
    Files.writeString(module, "fn answer() -> Int = 42\n");
    Path main = dir.resolve("main.chaos");
    String text = "import \"lib.chaos\" as lib\nlet x = lib.answer()\n";
    Map<String, String> open = new HashMap<>();
    Analyzer analyzer = LspFixtures.analyzer(open);
    assertThat(analyzer.analyze(main.toUri().toString(), 1, text).diagnostics()).isEmpty();
    open.put(module.toAbsolutePath().toString(), "fn renamed() -> Int = 42\n");
    assertThat(analyzer.analyze(main.toUri().toString(), 2, text).diagnostics())
        .extracting(Diagnostic::message).containsExactly("unknown function `lib.answer`");
    open.remove(module.toAbsolutePath().toString());
    assertThat(analyzer.analyze(main.toUri().toString(), 3, text).diagnostics()).isEmpty();
  }

  @Test
  void importsResolveBesideTheDocument() throws IOException {
    Path runbook = LspFixtures.podFailure(dir);
    Analysis analysis = LspFixtures.analyze(runbook);
    assertThat(analysis.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    assertThat(analysis.program().modules().get("slo").source().path())
        .isEqualTo(dir.resolve("stdlib/slo.chaos").toAbsolutePath().toString());
  }
}
