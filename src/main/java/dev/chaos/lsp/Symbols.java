package dev.chaos.lsp;

import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/**
 * The outline of a file: its imports, top-level lets, fns and actions, and the runbook with its
 * header (the attributes and the window) and its sections in source order, each step and named
 * section under its label.
 */
final class Symbols {
  private Symbols() {}

  static List<DocumentSymbol> of(Program program) {
    List<DocumentSymbol> out = new ArrayList<>();
    for (Program.Import imp : program.imports()) {
      out.add(symbol("import " + imp.path().span().text(), SymbolKind.Module, imp.span(),
          imp.path().span(), null));
    }
    for (Decl d : program.decls()) {
      switch (d.kind()) {
        case LET -> {
          Decl.Let let = (Decl.Let) d;
          out.add(symbol(let.name().name(), SymbolKind.Constant, d.span(), let.name().span(), null));
        }
        case FN -> {
          Decl.Fn fn = (Decl.Fn) d;
          out.add(symbol(fn.name().name(), SymbolKind.Function, d.span(), fn.name().span(),
              Signatures.declared(fn)));
        }
        case ACTION -> {
          Decl.Action action = (Decl.Action) d;
          out.add(symbol(action.name().name(), SymbolKind.Method, d.span(), action.name().span(),
              Signatures.declared(action)));
        }
        case RUNBOOK -> out.add(runbook((Decl.Runbook) d));
      }
    }
    out.removeIf(s -> s.getName().isBlank());
    return out;
  }

  private static DocumentSymbol runbook(Decl.Runbook runbook) {
    DocumentSymbol symbol = symbol("runbook " + runbook.name().span().text(), SymbolKind.Namespace,
        runbook.span(), runbook.name().span(), null);
    List<DocumentSymbol> children = new ArrayList<>();
    List<DocumentSymbol> header = new ArrayList<>();
    Span headerSpan = null;
    for (Member m : runbook.members()) {
      if (m instanceof Member.Attribute a) {
        header.add(symbol(a.key().name(), SymbolKind.Property, m.span(), a.key().span(),
            a.value() == null ? null : oneLine(a.value().span().text())));
        headerSpan = headerSpan == null ? m.span() : headerSpan.to(m.span());
      } else if (m instanceof Member.Window || m instanceof Member.Schedule) {
        String key = m instanceof Member.Window ? "window" : "schedule";
        header.add(symbol(key, SymbolKind.Property, m.span(), m.span(), oneLine(m.span().text())));
        headerSpan = headerSpan == null ? m.span() : headerSpan.to(m.span());
      } else {
        DocumentSymbol section = section(m);
        if (section != null) {
          children.add(section);
        }
      }
    }
    if (!header.isEmpty()) {
      DocumentSymbol h = symbol("header", SymbolKind.Object, headerSpan, headerSpan, null);
      h.setChildren(header);
      children.add(0, h);
    }
    symbol.setChildren(children);
    return symbol;
  }

  private static DocumentSymbol section(Member m) {
    String keyword = m.kind().name().toLowerCase(Locale.ROOT).replace("on_abort", "on abort");
    return switch (m.kind()) {
      case LET -> {
        Member.Let let = (Member.Let) m;
        yield symbol(let.name().name(), SymbolKind.Variable, m.span(), let.name().span(), "let");
      }
      case OBSERVE -> {
        Member.Observe o = (Member.Observe) m;
        yield symbol(o.name().name(), SymbolKind.Variable, m.span(), o.name().span(), "observe");
      }
      case PRECONDITION -> labelled(((Member.Precondition) m).name(), keyword, SymbolKind.Boolean, m);
      case GUARD -> labelled(((Member.Guard) m).name(), keyword, SymbolKind.Event, m);
      case STEP -> labelled(((Member.Step) m).name(), keyword, SymbolKind.Function, m);
      case VERIFY -> labelled(((Member.Verify) m).name(), keyword, SymbolKind.Boolean, m);
      case ROLLBACK, RECOVERY, ON_ABORT -> symbol(keyword, SymbolKind.Object, m.span(), m.span(), null);
      default -> null;
    };
  }

  private static DocumentSymbol labelled(dev.chaos.syntax.ast.Label label, String keyword,
      SymbolKind kind, Member m) {
    return symbol(keyword + " " + label.span().text(), kind, m.span(), label.span(), keyword);
  }

  private static DocumentSymbol symbol(String name, SymbolKind kind, Span whole, Span name_,
      String detail) {
    Span selection = name_.start() >= whole.start() && name_.end() <= whole.end() ? name_ : whole;
    DocumentSymbol s = new DocumentSymbol(name.isBlank() ? "" : name, kind,
        Positions.range(whole), Positions.range(selection));
    if (detail != null) {
      s.setDetail(detail);
    }
    return s;
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() > 60 ? flat.substring(0, 57) + "..." : flat;
  }
}
