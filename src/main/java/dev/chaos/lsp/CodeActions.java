package dev.chaos.lsp;

import dev.chaos.diag.Fix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Quick fixes: each mechanical fix of a diagnostic in the requested range ("did you mean
 * `k8s.kill_pods`?", a misspelled keyword, a unit) as an edit of the document. The fixes come
 * from the checker's diagnostics ({@link dev.chaos.diag.Diagnostic#fixes()}), so an action is
 * offered exactly where `chaos check` has a help that is an edit.
 */
final class CodeActions {
  private CodeActions() {}

  static List<Either<Command, CodeAction>> in(Analysis analysis, Range range) {
    List<Either<Command, CodeAction>> out = new ArrayList<>();
    for (dev.chaos.diag.Diagnostic d : analysis.diagnostics()) {
      if (!overlaps(Positions.range(d.span()), range)) {
        continue;
      }
      for (Fix fix : d.fixes()) {
        if (!fix.span().source().path().equals(analysis.source().path())) {
          continue;
        }
        CodeAction action = new CodeAction(fix.title());
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(LspDiagnostics.of(d)));
        action.setIsPreferred(d.fixes().size() == 1);
        action.setEdit(new WorkspaceEdit(Map.of(analysis.uri(),
            List.of(new TextEdit(Positions.range(fix.span()), fix.replacement())))));
        out.add(Either.forRight(action));
      }
    }
    return out;
  }

  private static boolean overlaps(Range a, Range b) {
    return !before(a.getEnd(), b.getStart()) && !before(b.getEnd(), a.getStart());
  }

  private static boolean before(org.eclipse.lsp4j.Position x, org.eclipse.lsp4j.Position y) {
    return x.getLine() < y.getLine()
        || x.getLine() == y.getLine() && x.getCharacter() < y.getCharacter();
  }
}
