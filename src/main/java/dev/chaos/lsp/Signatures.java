package dev.chaos.lsp;

import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.DriverDocs;
import dev.chaos.spi.Effect;
import dev.chaos.spi.Param;
import dev.chaos.syntax.ast.Decl;
import java.util.Locale;

/**
 * How a function reads in a hover or a completion: a driver function as `chaos docs` shows it
 * (its call shape, effect, undo, description and parameters), a user `fn` or `action` as it is
 * declared, with its doc comment.
 */
final class Signatures {
  private Signatures() {}

  static String builtinMarkdown(Builtin b) {
    StringBuilder md = new StringBuilder();
    md.append("```chaos\n").append(DriverDocs.callShape(b)).append("\n```\n\n");
    md.append("**").append(b.effect().name().toLowerCase(Locale.ROOT)).append("**");
    if (b.effect() == Effect.MUTATE) {
      md.append(" · undo: ").append(b.hasInverse() ? b.inverse() : "*none*");
    }
    md.append("\n\n").append(b.doc());
    if (!b.signature().params().isEmpty()) {
      md.append("\n\n");
      for (Param p : b.signature().params()) {
        md.append(paramLine(p)).append('\n');
      }
    }
    return md.toString().strip();
  }

  static String paramLine(Param p) {
    StringBuilder line = new StringBuilder("- `").append(p.name()).append(p.named() ? ":" : "")
        .append("` `").append(p.type().display()).append('`');
    if (p.required() && p.named()) {
      line.append(" (required)");
    } else if (!p.defaultDoc().isEmpty()) {
      line.append(" (default: ").append(p.defaultDoc()).append(')');
    }
    if (!p.doc().isEmpty()) {
      line.append(" — ").append(p.doc());
    }
    return line.toString();
  }

  static String driverMarkdown(Driver d) {
    return "```chaos\ndriver " + d.namespace() + "\n```\n\n" + d.doc();
  }

  /** `fn p95() -> Duration`, `action restore_pods(selector: Selector, name: String)`. */
  static String declared(Decl decl) {
    String text = decl.span().text();
    int end = switch (decl.kind()) {
      case FN -> ((Decl.Fn) decl).body().span().start();
      case ACTION -> ((Decl.Action) decl).body().span().start();
      default -> decl.span().end();
    } - decl.span().start();
    String head = text.substring(0, Math.max(0, Math.min(end, text.length()))).strip();
    if (head.endsWith("=")) {
      head = head.substring(0, head.length() - 1).strip();
    }
    return head.replaceAll("\\s+", " ");
  }

  static String userMarkdown(Decl decl, String module) {
    StringBuilder md = new StringBuilder("```chaos\n").append(declared(decl)).append("\n```");
    if (module != null) {
      md.append("\n\nfrom `").append(module).append('`');
    }
    String doc = DocComments.above(decl.span());
    if (!doc.isEmpty()) {
      md.append("\n\n").append(doc);
    }
    return md.toString();
  }
}
