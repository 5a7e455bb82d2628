package dev.chaos.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitRendererTest {
  private final JunitRenderer renderer = new JunitRenderer();

  @Test
  void oneSuitePerFileOneFailingCasePerDiagnosticAndAPassingCaseForACleanFile() throws Exception {
    SourceFile clean = new SourceFile("runbooks/clean.chaos", "import \"slo\"\n");
    String xml = renderer.render(List.of(DiagnosticSamples.unknownFunction()), List.of(clean, DiagnosticSamples.POD_FAILURE));
    Element root = parse(xml).getDocumentElement();

    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("2");
    assertThat(root.getAttribute("failures")).isEqualTo("1");
    NodeList suites = root.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(2);

    Element cleanSuite = (Element) suites.item(0);
    assertThat(cleanSuite.getAttribute("name")).isEqualTo("runbooks/clean.chaos");
    assertThat(cleanSuite.getAttribute("tests")).isEqualTo("1");
    assertThat(cleanSuite.getAttribute("failures")).isEqualTo("0");
    assertThat(cleanSuite.getElementsByTagName("testcase").getLength()).isEqualTo(1);
    assertThat(cleanSuite.getElementsByTagName("failure").getLength()).isZero();

    Element failing = (Element) suites.item(1);
    assertThat(failing.getAttribute("name")).isEqualTo("runbooks/pod-failure.chaos");
    assertThat(failing.getAttribute("failures")).isEqualTo("1");
    Element testcase = (Element) failing.getElementsByTagName("testcase").item(0);
    assertThat(testcase.getAttribute("name")).isEqualTo("CH0203");
    assertThat(testcase.getAttribute("classname")).isEqualTo("runbooks/pod-failure.chaos");
    Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("error");
    assertThat(failure.getAttribute("message")).isEqualTo("unknown function `k8s.kill_pod`");
    assertThat(failure.getTextContent())
        .isEqualTo(new TextRenderer(false).renderOne(DiagnosticSamples.unknownFunction()))
        .contains("--> runbooks/pod-failure.chaos:31:5");
  }

  @Test
  void escapesMarkupAndReplacesCharactersXmlForbids() throws Exception {
    SourceFile file = new SourceFile("a&b <\"x\">.chaos", "let s = \"<&]]>\u0001\"\n");
    Diagnostic d = Diagnostic.of(Code.CH0601, file.span(4, 5), "unused let `s` <&\"'>\nnext\u0001")
        .withHelp("remove `s` & co");
    Element root = parse(renderer.render(List.of(d), List.of(file))).getDocumentElement();

    Element suite = (Element) root.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("a&b <\"x\">.chaos");
    Element failure = (Element) root.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("warning");
    assertThat(failure.getAttribute("message")).isEqualTo("unused let `s` <&\"'>\nnext\uFFFD");
    assertThat(failure.getTextContent()).contains("let s = \"<&]]>\uFFFD\"").contains("remove `s` & co");
  }

  @Test
  void diagnosticInAnImportedModuleGetsItsOwnSuite() throws Exception {
    SourceFile module = new SourceFile("stdlib/slo.chaos", "fn f() = nme\n");
    Diagnostic d = Diagnostic.of(Code.CH0201, module.span(9, 12), "undefined name `nme`");
    Element root = parse(renderer.render(List.of(d), List.of(DiagnosticSamples.POD_FAILURE))).getDocumentElement();

    NodeList suites = root.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(2);
    assertThat(((Element) suites.item(1)).getAttribute("name")).isEqualTo("stdlib/slo.chaos");
    assertThat(root.getAttribute("tests")).isEqualTo("2");
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
