package dev.chaos.lsp;

import dev.chaos.diag.Code;
import dev.chaos.diag.Related;
import dev.chaos.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * A `chaos check` diagnostic as LSP shows it: the same span, code and severity; the message
 * with its label and help lines as `--format github` writes them ("unknown function
 * `k8s.kill_pod`: not provided by driver `k8s`\nhelp: did you mean `k8s.kill_pods`?"); its
 * related places ("first defined here") as related information.
 */
final class LspDiagnostics {
  static final String SOURCE = "chaos";

  /** What an editor greys out: an unused let or import, an unreachable statement. */
  private static final java.util.Set<Code> UNNECESSARY = java.util.EnumSet.of(Code.CH0601,
      Code.CH0603, Code.CH0605);

  private LspDiagnostics() {}

  static Diagnostic of(dev.chaos.diag.Diagnostic d) {
    Diagnostic out = new Diagnostic(Positions.range(d.span()), text(d),
        d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        SOURCE);
    out.setCode(Either.forLeft(d.code().name()));
    if (UNNECESSARY.contains(d.code())) {
      out.setTags(List.of(DiagnosticTag.Unnecessary));
    }
    if (!d.related().isEmpty()) {
      List<DiagnosticRelatedInformation> related = new ArrayList<>();
      for (Related r : d.related()) {
        related.add(new DiagnosticRelatedInformation(
            new Location(Uris.uri(r.span().source().path()), Positions.range(r.span())),
            r.label().isEmpty() ? "see" : r.label()));
      }
      out.setRelatedInformation(related);
    }
    return out;
  }

  static String text(dev.chaos.diag.Diagnostic d) {
    StringBuilder text = new StringBuilder(d.message());
    if (!d.label().isEmpty()) {
      text.append(": ").append(d.label());
    }
    for (String help : d.helps()) {
      text.append("\nhelp: ").append(help);
    }
    return text.toString();
  }

  /** Whether an LSP diagnostic (sent back in a code action request) is this one. */
  static boolean same(Diagnostic lsp, dev.chaos.diag.Diagnostic d) {
    return lsp.getRange().equals(Positions.range(d.span())) && lsp.getCode() != null
        && lsp.getCode().isLeft() && d.code().name().equals(lsp.getCode().getLeft());
  }
}
