package dev.chaos.lsp;

import dev.chaos.check.CheckedProgram;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.types.Type;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Hover: a driver function's signature and documentation (as `chaos docs` gives them), a user
 * or stdlib `fn`/`action` as declared with its doc comment, the type of a name or expression,
 * and the meaning of a literal with a unit (`30s` is "duration: 30 seconds").
 */
final class Hovers {
  private static final int MAX_SHOWN = 60;

  private Hovers() {}

  static Hover at(Analysis analysis, int offset, DriverRegistry drivers) {
    return Targets.at(analysis, offset, drivers)
        .map(target -> {
          String text = markdown(target, analysis.program());
          if (text == null) {
            return null;
          }
          return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text),
              Positions.range(target.at()));
        })
        .orElse(null);
  }

  static String markdown(Target target, CheckedProgram here) {
    if (target instanceof Target.Function f) {
      return Signatures.builtinMarkdown(f.builtin());
    }
    if (target instanceof Target.Namespace n) {
      return Signatures.driverMarkdown(n.driver());
    }
    if (target instanceof Target.Global g) {
      String module = g.owner() == here ? null : g.owner().source().path();
      if (g.decl() instanceof Decl.Let let) {
        String md = code("let " + let.name().name() + ": " + g.owner().typeOf(let.value()).display());
        String doc = DocComments.above(let.span());
        return md + (module == null ? "" : "\n\nfrom `" + module + "`")
            + (doc.isEmpty() ? "" : "\n\n" + doc);
      }
      if (g.decl() instanceof Decl.Runbook) {
        return null;
      }
      return Signatures.userMarkdown(g.decl(), module);
    }
    if (target instanceof Target.Local l) {
      if (l.declaration() instanceof ParamDecl p) {
        return code("(parameter) " + p.span().text().replaceAll("\\s+", " "));
      }
      String keyword = l.declaration() instanceof Member.Observe ? "observe "
          : l.declaration() instanceof dev.chaos.syntax.ast.Stmt.For ? "for " : "let ";
      return code(keyword + l.name().name() + typeSuffix(l.type()));
    }
    if (target instanceof Target.Module m) {
      return code("import \"" + m.alias() + "\"") + "\n\nmodule `" + m.module().source().path()
          + "`: " + m.module().exports().size() + " declarations";
    }
    if (target instanceof Target.Section s) {
      return code(s.section().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + " " + s.at().text());
    }
    if (target instanceof Target.Documented d) {
      return d.markdown();
    }
    if (target instanceof Target.Value v) {
      String unit = LiteralUnits.describe(v.expr());
      if (unit != null) {
        return unit + "\n\n" + code(v.at().text() + typeSuffix(v.type()));
      }
      if (v.type().isError()) {
        return null;
      }
      String shown = v.at().text();
      shown = shown.length() > MAX_SHOWN || shown.contains("\n") ? "(expression)" : shown;
      return code(shown + typeSuffix(v.type()));
    }
    return null;
  }

  private static String typeSuffix(Type type) {
    return type.isError() ? "" : ": " + type.display();
  }

  private static String code(String text) {
    return "```chaos\n" + text + "\n```";
  }
}
