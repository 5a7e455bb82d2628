package dev.chaos.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import org.junit.jupiter.api.Test;

/** The canonical layout, one rule at a time. */
class FormatterTest {
  private static String fmt(String text) {
    FormatResult r = Formatter.format(new SourceFile("t.chaos", text));
    assertThat(r.diagnostics()).as("diagnostics").isEmpty();
    return r.text();
  }

  @Test
  void indentsTwoSpacesOneStatementALineAndSpacesOperators() {
    assertThat(fmt("runbook \"r\" {\nstep \"s\" {\nlet x=1+2*3\n    log   x\n}\n}"))
        .isEqualTo("runbook \"r\" {\n  step \"s\" {\n    let x = 1 + 2 * 3\n    log x\n  }\n}\n");
  }

  @Test
  void spacesAfterCommasAndColonsAndNoneInsideBrackets() {
    assertThat(fmt("let x = f( a ,b:[ 1,2 ] ,c :{k:1 ,j : 2} )[ 0 ] . y"))
        .isEqualTo("let x = f(a, b: [1, 2], c: {k: 1, j: 2})[0].y\n");
  }

  @Test
  void unaryOperatorsAndParenthesesAreKept() {
    assertThat(fmt("let x = - ( a+b ) * 2\nlet y = not  (a)"))
        .isEqualTo("let x = -(a + b) * 2\nlet y = not (a)\n");
  }

  @Test
  void keepsOneEmptyLineWhereTheAuthorLeftSomeAndNoneAtTheEdgesOfABlock() {
    String in = "action a() {\n\n\n  log 1\n\n\n\n  log 2\n  log 3\n\n}\n";
    assertThat(fmt(in)).isEqualTo("action a() {\n  log 1\n\n  log 2\n  log 3\n}\n");
  }

  @Test
  void separatesDeclarationsAndKindsOfSectionWithOneEmptyLine() {
    String in = "import \"slo\"\nimport \"checklist\"\nlet a = 1\nfn f() -> Int = 1\n"
        + "runbook \"r\" {\n  title \"t\"\n  owner \"o\"\n  let x = 1\n  step \"a\" {\n    log 1\n  }\n"
        + "  step \"b\" {\n    log 2\n  }\n}";
    assertThat(fmt(in)).isEqualTo("import \"slo\"\nimport \"checklist\"\n\nlet a = 1\n\n"
        + "fn f() -> Int = 1\n\nrunbook \"r\" {\n  title \"t\"\n  owner \"o\"\n\n  let x = 1\n\n"
        + "  step \"a\" {\n    log 1\n  }\n  step \"b\" {\n    log 2\n  }\n}\n");
  }

  @Test
  void wrapsACallTooLongForTheLineOneArgumentALineWithATrailingComma() {
    String in = "let selector = k8s.selector(\"a-rather-long-namespace-name\", "
        + "\"app=a-rather-long-application-name\", extra: true)";
    assertThat(fmt(in)).isEqualTo("let selector = k8s.selector(\n"
        + "  \"a-rather-long-namespace-name\",\n  \"app=a-rather-long-application-name\",\n"
        + "  extra: true,\n)\n");
    // and joins it again, dropping the comma, once it fits
    assertThat(fmt("let s = f(\n  1,\n  2,\n)")).isEqualTo("let s = f(1, 2)\n");
  }

  @Test
  void wrapsTheElseOfAnExpectBeforeItsCall() {
    String in = "action a() {\n  expect k8s.exists(\"networkchaos\", \"latency\", namespace: \"chaos\")"
        + " else \"the NetworkChaos disappeared before its duration ended\"\n}";
    assertThat(fmt(in)).isEqualTo("action a() {\n"
        + "  expect k8s.exists(\"networkchaos\", \"latency\", namespace: \"chaos\")\n"
        + "    else \"the NetworkChaos disappeared before its duration ended\"\n}\n");
  }

  @Test
  void breaksALongChainOfOperatorsAfterEachOperator() {
    String in = "fn f() -> Bool = alpha_value_one > 1 and beta_value_two > 2 and gamma_value_three > 3"
        + " and delta_value_four > 4";
    assertThat(fmt(in)).isEqualTo("fn f() -> Bool =\n  alpha_value_one > 1 and beta_value_two > 2 and"
        + " gamma_value_three > 3 and delta_value_four > 4\n");
    String longer = "action a() {\n  expect alpha_value_one > 1 and beta_value_two > 2 and "
        + "gamma_value_three > 3 and delta_value_four > 4\n}";
    assertThat(fmt(longer)).isEqualTo("action a() {\n  expect alpha_value_one > 1 and\n"
        + "    beta_value_two > 2 and\n    gamma_value_three > 3 and\n    delta_value_four > 4\n}\n");
  }

  @Test
  void keepsALineBreakTheAuthorPutAfterAnOperator() {
    String in = "fn f() -> Int =\n  a +\n  b";
    assertThat(fmt(in)).isEqualTo("fn f() -> Int =\n  a +\n    b\n");
  }

  @Test
  void keepsStringsTextBlocksAndNumbersAsWritten() {
    String in = "let t = \"\"\"\n      indented\n    text ${ a+b }\n    \"\"\"\n"
        + "let s = \"a\\tb ${ x  +  1 } \\$\"\nlet n = [1m30s, 0.50, 30%, 02:00, 007]";
    assertThat(fmt(in)).isEqualTo(in + "\n");
  }

  @Test
  void keepsCommentsWhereTheyBelong() {
    String in = "// header\n\nimport \"slo\" // why slo\n\n"
        + "runbook \"r\" {\n    // before the title\n  title \"t\"   // the title\n"
        + "  tags [\"a\", /* inline */ \"b\"]\n  step \"s\" { // opens\n    log 1\n"
        + "    // last in the block\n  }\n}\n// the end\n";
    assertThat(fmt(in)).isEqualTo("// header\n\nimport \"slo\" // why slo\n\n"
        + "runbook \"r\" {\n  // before the title\n  title \"t\" // the title\n"
        + "  tags [\"a\", /* inline */ \"b\"]\n\n  step \"s\" { // opens\n    log 1\n"
        + "    // last in the block\n  }\n}\n// the end\n");
  }

  @Test
  void alignsTheEndOfLineCommentsOfAdjacentLines() {
    String in = "runbook \"r\" {\n  blast_radius 25% // two\n  window 02:00 to 06:00 zone \"UTC\" // one\n}";
    assertThat(fmt(in)).isEqualTo("runbook \"r\" {\n  blast_radius 25%                 // two\n"
        + "  window 02:00 to 06:00 zone \"UTC\" // one\n}\n");
  }

  @Test
  void aScheduleStaysWithTheHeader() {
    String in = "runbook \"r\" {\n  window 02:00 to 06:00 zone \"UTC\"\n"
        + "    schedule   \"0 3 * * *\"   zone \"UTC\"\n\n\n  step \"s\" { }\n}";
    assertThat(fmt(in)).isEqualTo("runbook \"r\" {\n  window 02:00 to 06:00 zone \"UTC\"\n"
        + "  schedule \"0 3 * * *\" zone \"UTC\"\n\n  step \"s\" {}\n}\n");
  }

  @Test
  void aCommentInsideAWrappedCallForcesOneArgumentALine() {
    String in = "let x = f(a, // the first\n  b)";
    assertThat(fmt(in)).isEqualTo("let x = f(\n  a, // the first\n  b,\n)\n");
  }

  @Test
  void aCommentAfterTheAuthorsTrailingCommaIsKept() {
    String in = "let x = f(\n  a,\n  b, // the last\n)";
    assertThat(fmt(in)).isEqualTo("let x = f(\n  a,\n  b, // the last\n)\n");
  }

  @Test
  void wrapsALongParameterList() {
    String in = "action restore(pods: Selector, deployment: String, replicas: Int, namespace: String"
        + " = \"llm-marketplace\") {\n  log 1\n}";
    assertThat(fmt(in)).isEqualTo("action restore(\n  pods: Selector,\n  deployment: String,\n"
        + "  replicas: Int,\n  namespace: String = \"llm-marketplace\",\n) {\n  log 1\n}\n");
  }

  @Test
  void ifElseAndStepUndoShareTheirLines() {
    String in = "action a() {\n  if x {\n    log 1\n  }\n  else if y { log 2 } else {\n log 3 }\n}";
    assertThat(fmt(in)).isEqualTo("action a() {\n  if x {\n    log 1\n  } else if y {\n    log 2\n"
        + "  } else {\n    log 3\n  }\n}\n");
  }

  @Test
  void windowsLineBreaksBecomeUnixOnesTextBlocksIncluded() {
    assertThat(fmt("let t = \"\"\"\r\n  a\r\n  \"\"\"\r\nlet x = 1 // c\r\n"))
        .isEqualTo("let t = \"\"\"\n  a\n  \"\"\"\nlet x = 1 // c\n");
  }

  @Test
  void aFileWithSyntaxErrorsIsLeftAloneWithItsErrors() {
    String in = "runbook \"r\" {\n  step \"s\" {\n    let = 1\n  }\n}\n";
    FormatResult r = Formatter.format(new SourceFile("t.chaos", in));
    assertThat(r.formatted()).isFalse();
    assertThat(r.changed()).isFalse();
    assertThat(r.text()).isEqualTo(in);
    assertThat(r.diagnostics()).isNotEmpty().allMatch(d -> d.isError());
  }

  @Test
  void deepNestingAndLongChainsFormat() {
    String nested = "let x = " + "[".repeat(150) + "]".repeat(150);
    // too wide for one line: one level a line
    assertThat(fmt(nested)).startsWith("let x = [\n  [\n    [").hasLineCount(299);
    String sum = "let y = " + "1 + ".repeat(1000) + "1";
    assertThat(fmt(sum)).startsWith("let y = 1 +\n  1 +\n").hasLineCount(1001);
  }

  @Test
  void anEmptyFileStaysEmptyAndAFormattedFileIsUnchanged() {
    assertThat(fmt("")).isEmpty();
    assertThat(fmt("\n\n// only a comment\n\n")).isEqualTo("// only a comment\n");
    FormatResult r = Formatter.format(new SourceFile("t.chaos", "let x = 1\n"));
    assertThat(r.changed()).isFalse();
  }
}
