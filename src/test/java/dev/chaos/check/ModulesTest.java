package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import dev.chaos.syntax.Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModulesTest {
  @TempDir
  Path dir;

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private static String usingRunbook(String imports, String expectation) {
    return imports + "\nrunbook \"r\" {\n  environment dev\n  precondition \"p\" { expect "
        + expectation + " }\n}\n";
  }

  @Test
  void pathImportsAreRelativeToTheImportingFile() throws IOException {
    write("lib/common.chaos", "fn answer() -> Int = 42\nlet limit = 40\n");
    Path rb = write("runbooks/r.chaos", usingRunbook(
        "import \"../lib/common.chaos\"\nimport \"../lib/common.chaos\" as c",
        "common.answer() > c.limit"));
    CheckFixture.checkFile(rb).assertClean();
  }

  @Test
  void anImportWhoseNameIsMissingKeepsItsDefaultName() {
    // `as` with no name after it: the syntax error only, and `slo` still resolves
    CheckFixture.check(usingRunbook("import \"slo\" as", "slo.baseline_healthy()")).only(Code.CH0010);
  }

  @Test
  void missingModuleSuggestsABundledOne() throws IOException {
    Path rb = write("r.chaos", usingRunbook("import \"slox\"", "true"));
    Diagnostic d = CheckFixture.checkFile(rb).only(Code.CH0101);
    assertThat(d.message()).isEqualTo("module `slox` not found");
    assertThat(d.span().text()).isEqualTo("\"slox\"");
    assertThat(d.helps()).contains("did you mean `slo`?");
  }

  @Test
  void missingPathImport() throws IOException {
    Path rb = write("r.chaos", usingRunbook("import \"lib/none.chaos\" as none", "true"));
    Diagnostic d = CheckFixture.checkFile(rb).only(Code.CH0101);
    assertThat(d.label()).startsWith("no file `").endsWith("none.chaos`");
  }

  @Test
  void importCycleIsReportedInTheCheckedFileAndAtTheImportThatClosesIt() throws IOException {
    Path a = write("a.chaos", "import \"b.chaos\"\nfn fa() -> Int = b.fb()\n");
    write("b.chaos", "import \"a.chaos\"\nfn fb() -> Int = 1\nfn other() -> Int = a.fa()\n");
    var result = CheckFixture.checkFile(a);
    assertThat(result.codes()).as(result.render()).containsExactly(Code.CH0102, Code.CH0102);
    Diagnostic inA = result.diagnostics().get(0);
    assertThat(inA.span().source().path()).endsWith("a.chaos");
    assertThat(inA.span().startLine()).isEqualTo(1);
    assertThat(inA.span().text()).isEqualTo("\"b.chaos\"");
    assertThat(inA.message()).isEqualTo("import cycle: a.chaos -> b.chaos -> a.chaos");
    Diagnostic inB = result.diagnostics().get(1);
    assertThat(inB.span().source().path()).endsWith("b.chaos");
    assertThat(inB.message()).isEqualTo("import cycle: b.chaos -> a.chaos -> b.chaos");
    assertThat(inB.label()).isEqualTo("this import closes the cycle");
  }

  @Test
  void checkingEveryFileOfACycleReportsItOnceInEach() throws IOException {
    Path a = write("a.chaos", "let x = 1\nimport \"b.chaos\"\n");
    Path b = write("b.chaos", "import \"c.chaos\"\n");
    Path c = write("c.chaos", "\n\nimport \"a.chaos\"\n");
    Checker checker = new Checker(CheckFixture.DRIVERS, new CheckOptions(false));
    Diagnostics sink = new Diagnostics();
    for (Path file : List.of(a, b, c)) {
      checker.check(new SourceFile(file.toString(), Files.readString(file)), sink);
    }
    // each file is also an unused import of the one before it (CH0605)
    List<Diagnostic> all = sink.sorted().stream().filter(d -> d.code() == Code.CH0102).toList();
    assertThat(all).extracting(d -> Path.of(d.span().source().path()).getFileName().toString()
            + ":" + d.span().startLine() + " " + d.message())
        .containsExactly(
            "a.chaos:2 import cycle: a.chaos -> b.chaos -> c.chaos -> a.chaos",
            "b.chaos:1 import cycle: b.chaos -> c.chaos -> a.chaos -> b.chaos",
            "c.chaos:3 import cycle: c.chaos -> a.chaos -> b.chaos -> c.chaos");
  }

  @Test
  void checkingTheSecondFileOfACycleAloneReportsItThere() throws IOException {
    write("a.chaos", "import \"b.chaos\"\n");
    Path b = write("b.chaos", "// b\nimport \"a.chaos\"\n");
    var result = CheckFixture.checkFile(b);
    assertThat(result.diagnostics()).filteredOn(d -> d.code() == Code.CH0102).extracting(d -> d.span().source().path().endsWith("b.chaos")
        + " " + d.span().startLine()).containsExactly("false 1", "true 2");
  }

  @Test
  void selfImportIsACycle() throws IOException {
    Path a = write("a.chaos", "import \"a.chaos\"\nlet x = 1\n");
    assertThat(CheckFixture.checkFile(a).only(Code.CH0102).message())
        .isEqualTo("import cycle: a.chaos -> a.chaos");
  }

  @Test
  void importingARunbookIsAnError() throws IOException {
    write("other.chaos", "fn f() -> Int = 1\nrunbook \"o\" {\n  environment dev\n}\n");
    Path rb = write("r.chaos", usingRunbook("import \"other.chaos\"", "other.f() == 1"));
    Diagnostic d = CheckFixture.checkFile(rb).only(Code.CH0105);
    assertThat(d.span().text()).isEqualTo("\"other.chaos\"");
  }

  @Test
  void aStdlibDirectoryBesideTheFileOverridesTheBundledModule() throws IOException {
    write("stdlib/slo.chaos", "fn local_only() -> Bool = true\n");
    Path rb = write("r.chaos", usingRunbook("import \"slo\"", "slo.local_only()"));
    CheckFixture.checkFile(rb).assertClean();
  }

  @Test
  void bundledModulesAreFoundOnTheClassPath() throws IOException {
    Path rb = write("r.chaos", usingRunbook("import \"slo\"", "slo.error_rate() < 1%"));
    CheckFixture.checkFile(rb).assertClean();
    assertThat(ModuleLoader.bundledNames()).contains("slo", "experiments");
  }

  @Test
  void duplicateImportName() throws IOException {
    Path rb = write("r.chaos", usingRunbook("import \"slo\"\nimport \"slo\"", "slo.monitoring_up()"));
    Diagnostic d = CheckFixture.checkFile(rb).only(Code.CH0104);
    assertThat(d.helps()).containsExactly("give this import another name: `as other_name`");
  }

  @Test
  void modulesAreParsedOnceAndTheirDiagnosticsReportedOnce() throws IOException {
    write("lib/bad.chaos", "let broken = undefined_thing\nfn ok() -> Bool = true\n");
    List<String> parsed = new ArrayList<>();
    Checker checker = new Checker(CheckFixture.DRIVERS, new CheckOptions(false), file -> {
      parsed.add(Path.of(file.path()).getFileName().toString());
      var r = Parser.parse(file);
      return new Checker.Parsed(r.program(), r.diagnostics());
    });
    List<List<Diagnostic>> perFile = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path rb = write("r" + i + ".chaos", usingRunbook(
          "import \"slo\"\nimport \"lib/bad.chaos\"", "slo.monitoring_up() and bad.ok()"));
      Diagnostics sink = new Diagnostics();
      checker.check(new SourceFile(rb.toString(), Files.readString(rb)), sink);
      perFile.add(sink.sorted());
    }
    assertThat(parsed).containsExactly("r0.chaos", "slo.chaos", "bad.chaos", "r1.chaos",
        "r2.chaos");
    assertThat(perFile.get(0)).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(Code.CH0201);
      assertThat(d.span().source().path()).endsWith("bad.chaos");
    });
    assertThat(perFile.get(1)).isEmpty();
    assertThat(perFile.get(2)).isEmpty();
  }

  @Test
  void oddPathsAreNotFoundRatherThanCrashing() {
    var result = CheckFixture.check(new Checker(CheckFixture.DRIVERS, new CheckOptions(false)),
        new SourceFile("<stdin>", "import \"a\u0000b.chaos\" as odd\nimport \"nope\"\n"));
    assertThat(result.codes()).containsExactly(Code.CH0101, Code.CH0101);
  }
}
