package dev.chaos.diag;

import dev.chaos.source.SourceFile;
import dev.chaos.source.Span;
import java.util.List;

/** Hand-built sources and diagnostics shared by the renderer tests. */
final class DiagnosticSamples {
  private DiagnosticSamples() {}

  /** The contract's example: `k8s.kill_pod` on line 31, column 5. */
  static final SourceFile POD_FAILURE = new SourceFile("runbooks/pod-failure.chaos",
      "// filler\n".repeat(30) + "    k8s.kill_pod(backend, fraction: 30%)\n");

  static Diagnostic unknownFunction() {
    return Diagnostic.of(Code.CH0203, span(POD_FAILURE, "k8s.kill_pod"),
            "unknown function `k8s.kill_pod`")
        .withLabel("not provided by driver `k8s`")
        .withHelp("did you mean `k8s.kill_pods`?");
  }

  /** `limit` defined on lines 1 and 3: the second points back at the first. */
  static final SourceFile TWICE = new SourceFile("a.chaos",
      "let limit = 5%\nlet other = 1\nlet limit = 6%\n");

  static Diagnostic definedTwice() {
    return Diagnostic.of(Code.CH0211, TWICE.span(33, 38), "`limit` is defined twice")
        .withLabel("`limit` was first defined on line 1")
        .withRelated(TWICE.span(4, 9), "first defined here")
        .withHelp("rename one of them");
  }

  /** The span of the first occurrence of {@code text} in the file. */
  static Span span(SourceFile file, String text) {
    int start = file.text().indexOf(text);
    if (start < 0) {
      throw new IllegalArgumentException("`" + text + "` not in " + file.path());
    }
    return file.span(start, start + text.length());
  }

  static List<Diagnostic> sorted(Diagnostic... ds) {
    Diagnostics sink = new Diagnostics();
    for (Diagnostic d : ds) {
      sink.add(d);
    }
    return sink.sorted();
  }
}
