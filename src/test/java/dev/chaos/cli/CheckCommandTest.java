package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CheckCommandTest {
  @TempDir
  Path dir;

  /** Reports CH0201 at every `nme` and CH0601 at every `unused`, like a checker would. */
  private static final SourceChecker FAKE = (file, sink, internal) -> {
    mark(file, "nme", Code.CH0201, "undefined name `nme`", sink);
    mark(file, "unused", Code.CH0601, "unused let `unused`", sink);
  };

  private static void mark(dev.chaos.source.SourceFile file, String word, Code code, String message,
      dev.chaos.diag.Diagnostics sink) {
    for (int i = file.text().indexOf(word); i >= 0; i = file.text().indexOf(word, i + 1)) {
      sink.add(Diagnostic.of(code, file.span(i, i + word.length()), message));
    }
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  @Test
  void cleanFilesExitZeroWithASummary() throws IOException {
    write("a.chaos", "let x = 1\n");
    write("sub/b.chaos", "let y = 2\n");

    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", dir.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).isEqualTo("checked 2 files: no problems\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void errorsExitOneAndAreRenderedRustcStyle() throws IOException {
    Path file = write("a.chaos", "let x = nme\n");

    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.out()).isEqualTo("error[CH0201]: undefined name `nme`\n"
        + " --> " + file + ":1:9\n"
        + "  |\n"
        + "1 | let x = nme\n"
        + "  |         ^^^\n"
        + "\n"
        + "error: 1 error (checked 1 file)\n");
  }

  @Test
  void warningsPassUnlessStrict() throws IOException {
    Path file = write("a.chaos", "let unused = 1\n");

    CliRunner.Result lenient = new CliRunner().checker(FAKE).run("check", file.toString());
    CliRunner.Result strict = new CliRunner().checker(FAKE).run("check", "--strict", file.toString());

    assertThat(lenient.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(lenient.out()).contains("warning[CH0601]").endsWith("warning: 1 warning (checked 1 file)\n");
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void usesOneCheckerForAllFilesAndPassesAsProd() throws IOException {
    write("a.chaos", "let a = 1\n");
    write("b.chaos", "let b = 1\n");
    List<String> seen = new ArrayList<>();
    CliRunner runner = new CliRunner().checker((file, sink, internal) -> seen.add(file.path()));

    runner.run("check", "--as", "prod", dir.toString());

    assertThat(runner.checkersBuilt).hasSize(1);
    assertThat(runner.checkersBuilt.get(0).asProd()).isTrue();
    assertThat(seen).containsExactly(dir.resolve("a.chaos").toString(), dir.resolve("b.chaos").toString());
    runner.run("check", dir.toString());
    assertThat(runner.checkersBuilt.get(1).asProd()).isFalse();
  }

  @Test
  void asTakesOnlyProd() throws IOException {
    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", "--as", "staging",
        write("a.chaos", "").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("error: `--as` takes only `prod`, not `staging`\n");
  }

  @Test
  void directoriesAreSearchedSortedSkippingTargetAndHiddenEntries() throws IOException {
    write("z.chaos", "");
    write("a/y.chaos", "");
    write("a/b/x.chaos", "");
    write("notes.txt", "");
    write("target/gen.chaos", "");
    write(".git/hooks.chaos", "");
    write(".hidden.chaos", "");
    List<String> seen = new ArrayList<>();

    new CliRunner().checker((file, sink, internal) -> seen.add(file.path())).run("check", dir.toString(),
        dir.resolve("z.chaos").toString());

    assertThat(seen).containsExactly(dir + "/a/b/x.chaos", dir + "/a/y.chaos", dir + "/z.chaos");
  }

  @Test
  void pathsAreShownNormalised() throws IOException {
    write("sub/a.chaos", "let x = nme\n");

    CliRunner.Result result = new CliRunner().checker(FAKE)
        .run("check", "--format", "github", dir + "/sub/../sub/./a.chaos");

    assertThat(result.out()).startsWith("::error file=" + dir + "/sub/a.chaos,line=1");
  }

  @Test
  void missingPathIsOneLineAndExitTwo() {
    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", dir.resolve("nope.chaos").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("error: `" + dir.resolve("nope.chaos") + "` does not exist\n");
  }

  @Test
  void directoryWithoutRunbooksIsAnError() throws IOException {
    write("target/only.chaos", "");
    write("readme.md", "");

    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", dir.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("error: no `.chaos` files in `" + dir + "`\n");
  }

  @Test
  void binaryFileIsRefusedWithTheOffsetOfItsFirstNul() throws IOException {
    Path file = write("bin.chaos", new byte[] {'a', '\n', 'b', 0, 1, 2});

    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("error: `" + file + "` is a binary file, not a runbook "
        + "(NUL byte at byte offset 3, line 2)\n");
  }

  @Test
  void nonUtf8FileIsRefusedWithThePlaceOfTheBadByte() throws IOException {
    byte[] latin1 = "let a = 1\nlog \"caf\u00E9\"\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = write("latin1.chaos", latin1);

    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("error: `" + file + "` is not valid UTF-8 "
        + "(byte 0xE9 at byte offset 18, line 2)\n");
  }

  @Test
  void truncatedUtf8AtTheEndIsRefusedToo() throws IOException {
    Path file = write("cut.chaos", new byte[] {'a', (byte) 0xC3});

    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("is not valid UTF-8 (byte 0xC3 at byte offset 1, line 1)");
  }

  @Test
  void everyInputProblemIsReportedBeforeAnythingIsChecked() throws IOException {
    Path binary = write("bin.chaos", new byte[] {0});
    List<String> seen = new ArrayList<>();
    write("ok.chaos", "");

    CliRunner.Result result = new CliRunner().checker((file, sink, internal) -> seen.add(file.path()))
        .run("check", dir.toString(), dir.resolve("missing").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err().lines()).containsExactly(
        "error: `" + dir.resolve("missing") + "` does not exist",
        "error: `" + binary + "` is a binary file, not a runbook (NUL byte at byte offset 0, line 1)");
    assertThat(seen).isEmpty();
  }

  @Test
  void byteOrderMarkIsDropped() throws IOException {
    Path file = write("bom.chaos", "\uFEFFlet x = nme\n");

    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", file.toString());

    assertThat(result.out()).contains(":1:9\n").contains("1 | let x = nme\n");
  }

  @Test
  void outputGoesToTheFileNamedAndNothingToStdout() throws IOException {
    Path file = write("a.chaos", "let x = nme\n");
    Path report = dir.resolve("reports/deep/chaos.sarif");

    CliRunner.Result result = new CliRunner().checker(FAKE).terminal()
        .run("check", "--format", "sarif", "--output", report.toString(), file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.out()).isEmpty();
    JsonNode sarif = JsonMapper.builder().build().readTree(Files.readString(report));
    assertThat(sarif.at("/runs/0/results/0/ruleId").asString()).isEqualTo("CH0201");
  }

  @Test
  void textWrittenToAFileIsNeverColoured() throws IOException {
    Path file = write("a.chaos", "let x = nme\n");
    Path report = dir.resolve("report.txt");

    new CliRunner().checker(FAKE).terminal().run("check", "-o", report.toString(), file.toString());

    assertThat(Files.readString(report)).startsWith("error[CH0201]").doesNotContain("\u001B");
  }

  @Test
  void unwritableOutputIsOneLineAndExitTwo() throws IOException {
    Path file = write("a.chaos", "");
    Path blocker = write("blocker", "");

    CliRunner.Result result = new CliRunner().checker(FAKE)
        .run("check", "--output", blocker.resolve("out.txt").toString(), file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("error: cannot write `" + blocker.resolve("out.txt") + "`: `"
        + blocker + "` is in the way\n");
  }

  @Test
  void outputThatIsADirectorySaysSo() throws IOException {
    Path file = write("a.chaos", "");

    CliRunner.Result result = new CliRunner().checker(FAKE)
        .run("check", "--output", dir.toString(), file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("error: cannot write `" + dir + "`: is a directory\n");
  }

  @Test
  void colourFollowsTheTerminalNoColorAndTheFlag() throws IOException {
    String file = write("a.chaos", "let x = nme\n").toString();

    assertThat(new CliRunner().checker(FAKE).terminal().run("check", file).out()).contains("\u001B[");
    assertThat(new CliRunner().checker(FAKE).run("check", file).out()).doesNotContain("\u001B");
    assertThat(new CliRunner().checker(FAKE).terminal().env("NO_COLOR", "1").run("check", file).out())
        .doesNotContain("\u001B");
    assertThat(new CliRunner().checker(FAKE).terminal().env("NO_COLOR", "").run("check", file).out())
        .contains("\u001B[");
    assertThat(new CliRunner().checker(FAKE).terminal().env("TERM", "dumb").run("check", file).out())
        .doesNotContain("\u001B");
    assertThat(new CliRunner().checker(FAKE).env("NO_COLOR", "1").run("check", "--color", "always", file).out())
        .contains("\u001B[");
    assertThat(new CliRunner().checker(FAKE).terminal().run("check", "--color=never", file).out())
        .doesNotContain("\u001B");
  }

  @Test
  void everyFormatIsAvailable() throws IOException {
    String file = write("a.chaos", "let x = nme\n").toString();
    CliRunner runner = new CliRunner().checker(FAKE);

    JsonNode json = JsonMapper.builder().build().readTree(runner.run("check", "--format", "json", file).out());
    assertThat(json.at("/diagnostics/0/code").asString()).isEqualTo("CH0201");
    assertThat(runner.run("check", "--format", "github", file).out()).startsWith("::error file=");
    assertThat(runner.run("check", "--format", "junit", file).out()).startsWith("<?xml").contains("<testsuites");
    assertThat(runner.run("check", "--format", "JSON", file).exitCode()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void quietPrintsNothingWhenClean() throws IOException {
    String clean = write("a.chaos", "let x = 1\n").toString();
    String bad = write("b.chaos", "let x = nme\n").toString();

    assertThat(new CliRunner().checker(FAKE).run("check", "-q", clean).out()).isEmpty();
    assertThat(new CliRunner().checker(FAKE).run("check", "--quiet", bad).out()).contains("error[CH0201]");
  }

  @Test
  void verboseNamesEachFileOnStderr() throws IOException {
    String file = write("a.chaos", "").toString();

    CliRunner.Result result = new CliRunner().checker(FAKE).run("check", "--verbose", file);

    assertThat(result.err()).isEqualTo("checking " + file + "\n");
  }

  @Test
  void unexpectedFailureIsOneLineWithoutVerboseAndATraceWithIt() throws IOException {
    String file = write("a.chaos", "").toString();
    SourceChecker broken = (f, sink, internal) -> {
      throw new IllegalStateException("boom");
    };

    CliRunner.Result quiet = new CliRunner().checker(broken).run("check", file);
    CliRunner.Result verbose = new CliRunner().checker(broken).run("check", "-v", file);

    assertThat(quiet.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(quiet.err()).isEqualTo("error: internal error: java.lang.IllegalStateException: boom "
        + "(rerun with --verbose for details)\n");
    assertThat(verbose.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(verbose.err()).contains("java.lang.IllegalStateException: boom").contains("\tat ");
  }

  @Test
  void theReportMayNotReplaceARunbook() throws IOException {
    Path runbook = write("a.chaos", "let x = 1\n");
    String before = Files.readString(runbook);

    CliRunner.Result result = new CliRunner().run("check", "-o", runbook.toString(),
        runbook.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).isEqualTo("error: `--output " + runbook + "` would overwrite the "
        + "input `" + runbook + "`: write it elsewhere\n");
    assertThat(Files.readString(runbook)).isEqualTo(before);
  }

  @Test
  void realCheckerRunsOnTheContractExamples() {
    List<String> args = new ArrayList<>(List.of("check"));
    dev.chaos.ContractExamples.paths().forEach(path -> args.add(path.toString()));

    CliRunner.Result result = new CliRunner().run(args.toArray(String[]::new));

    assertThat(result.err()).as(result.out()).isEmpty();
    assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).isEqualTo("checked 3 files: no problems\n");
  }
}
