package dev.chaos.lsp;

import dev.chaos.check.CheckedProgram;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.Param;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Completion, by where the cursor is: after `k8s.` the driver's functions, after an import
 * alias the module's members, after a record value its fields; inside a call's parentheses the
 * named arguments it still takes, with their types; at the start of a line in a runbook the
 * header attributes and sections, in a block the statement keywords; and the names in scope.
 * The text decides the context (it is often broken while typing), the checked program what the
 * names are.
 */
final class Completions {
  private static final Pattern AFTER_DOT =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\.\\s*([A-Za-z0-9_]*)$");
  private static final Pattern LINE_START_WORD = Pattern.compile("^\\s*([A-Za-z_]*)$");
  private static final Pattern CALLEE =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*))?\\s*$");
  private static final Pattern GIVEN_NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*:");

  static final List<String> HEADER_ATTRIBUTES = List.of("title", "objective", "environment",
      "blast_radius", "window", "schedule", "max_duration", "owner", "tags", "lock",
      "escalation_policy");
  static final List<String> SECTIONS = List.of("let", "precondition", "observe", "guard", "step",
      "verify", "rollback", "recovery", "on abort");
  static final List<String> STATEMENTS = List.of("let", "expect", "wait", "wait until", "if",
      "for", "record", "log", "fail");
  static final List<String> GUARD_LEVELS = List.of("warn when", "abort when");
  static final List<String> DECLARATIONS = List.of("import", "let", "fn", "action", "runbook");

  private Completions() {}

  static List<CompletionItem> at(Analysis analysis, int offset, DriverRegistry drivers) {
    String text = analysis.source().text();
    int lineStart = analysis.source().lines().lineStart(analysis.source().lines().line(offset));
    String line = text.substring(lineStart, offset);
    Matcher dot = AFTER_DOT.matcher(line);
    if (dot.find() && !precededByDot(line, dot.start())) {
      return members(analysis, dot.group(1), lineStart + dot.start(1), drivers);
    }
    Map<String, CompletionItem> items = new LinkedHashMap<>();
    callArguments(analysis, text, offset, drivers).forEach(i -> items.putIfAbsent(i.getLabel(), i));
    NodePath path = NodePath.at(analysis.program().program(), offset);
    boolean atLineStart = LINE_START_WORD.matcher(line).matches();
    Optional<Block> block = path.innermost(Block.class);
    Optional<Decl.Runbook> runbook = path.innermost(Decl.Runbook.class);
    if (atLineStart) {
      if (block.isPresent()) {
        STATEMENTS.forEach(k -> keyword(items, k));
        if (path.innermost(Member.Guard.class).isPresent()) {
          GUARD_LEVELS.forEach(k -> keyword(items, k));
        }
      } else if (runbook.isPresent()) {
        HEADER_ATTRIBUTES.forEach(k -> keyword(items, k));
        SECTIONS.forEach(k -> keyword(items, k));
        return new ArrayList<>(items.values());
      } else if (path.nodes().isEmpty()) {
        DECLARATIONS.forEach(k -> keyword(items, k));
        return new ArrayList<>(items.values());
      }
    }
    names(analysis, path, offset, drivers).forEach(i -> items.putIfAbsent(i.getLabel(), i));
    return new ArrayList<>(items.values());
  }

  private static boolean precededByDot(String line, int start) {
    int i = start - 1;
    while (i >= 0 && Character.isWhitespace(line.charAt(i))) {
      i--;
    }
    return i >= 0 && (line.charAt(i) == '.' || Character.isDigit(line.charAt(i)));
  }

  /** After `target.`: a driver's functions, a module's members, a record's fields. */
  private static List<CompletionItem> members(Analysis analysis, String target, int targetOffset,
      DriverRegistry drivers) {
    List<CompletionItem> items = new ArrayList<>();
    CheckedProgram module = analysis.program().modules().get(target);
    Driver driver = target.isEmpty() ? null : drivers.driver(target);
    if (module != null) {
      module.exports().forEach((name, decl) -> items.add(declared(name, decl, module)));
    } else if (driver != null) {
      for (Builtin b : driver.builtins()) {
        items.add(function(b.name(), b));
      }
    } else {
      Optional<Target> value = Targets.at(analysis, targetOffset, drivers);
      Type type = value.map(Completions::typeOf).orElse(Type.ERROR);
      if (type instanceof Type.Rec rec) {
        rec.fields().forEach((name, fieldType) -> {
          CompletionItem item = new CompletionItem(name);
          item.setKind(CompletionItemKind.Field);
          item.setDetail(fieldType.display());
          items.add(item);
        });
      }
    }
    return items;
  }

  private static Type typeOf(Target target) {
    if (target instanceof Target.Local l) {
      return l.type();
    }
    if (target instanceof Target.Value v) {
      return v.type();
    }
    if (target instanceof Target.Global g && g.decl() instanceof Decl.Let let) {
      return g.owner().typeOf(let.value());
    }
    return Type.ERROR;
  }

  /**
   * Inside `callee(...)`, before an argument: the named parameters not given yet, as `name: `
   * with their types. The innermost open parenthesis is found in the text (strings skipped).
   */
  private static List<CompletionItem> callArguments(Analysis analysis, String text, int offset,
      DriverRegistry drivers) {
    int open = openParen(text, offset);
    if (open < 0) {
      return List.of();
    }
    String between = text.substring(open + 1, offset);
    int lastComma = Math.max(between.lastIndexOf(','), -1);
    if (!between.substring(lastComma + 1).matches("\\s*[A-Za-z_0-9]*")) {
      return List.of(); // in the middle of an argument's value
    }
    Matcher callee = CALLEE.matcher(text.substring(Math.max(0, open - 200), open));
    if (!callee.find()) {
      return List.of();
    }
    Set<String> given = new java.util.HashSet<>();
    Matcher named = GIVEN_NAME.matcher(between);
    while (named.find()) {
      given.add(named.group(1));
    }
    String first = callee.group(1);
    String second = callee.group(2);
    List<CompletionItem> items = new ArrayList<>();
    Builtin builtin = second != null ? drivers.builtin(first, second)
        : analysis.program().exports().containsKey(first) ? null : drivers.builtin("", first);
    if (builtin != null) {
      for (Param p : builtin.signature().namedParams()) {
        if (!given.contains(p.name())) {
          items.add(argument(p.name(), p.type().display(), Signatures.paramLine(p)));
        }
      }
      return items;
    }
    CheckedProgram owner = second != null ? analysis.program().modules().get(first)
        : analysis.program();
    Decl decl = owner == null ? null : owner.exports().get(second != null ? second : first);
    List<ParamDecl> params = decl instanceof Decl.Fn fn ? fn.params()
        : decl instanceof Decl.Action action ? action.params() : List.of();
    for (ParamDecl p : params) {
      if (!p.name().isMissing() && !given.contains(p.name().name())) {
        items.add(argument(p.name().name(), p.type() == null ? "" : p.type().span().text(),
            "- `" + p.span().text() + "`"));
      }
    }
    return items;
  }

  /** The offset of the `(` left open before {@code offset} on its statement, or -1. */
  static int openParen(String text, int offset) {
    int depth = 0;
    int limit = Math.max(0, offset - 2000);
    for (int i = offset - 1; i >= limit; i--) {
      char c = text.charAt(i);
      if (c == '"') {
        int quote = text.lastIndexOf('"', i - 1);
        if (quote < 0 || text.substring(quote, i).contains("\n")) {
          return -1;
        }
        i = quote;
      } else if (c == ')' || c == ']') {
        depth++;
      } else if (c == '(' || c == '[') {
        if (depth == 0) {
          return c == '(' ? i : -1;
        }
        depth--;
      } else if (c == '{' || c == '}') {
        return -1;
      }
    }
    return -1;
  }

  /** Everything a name can stand for here: locals before the cursor, globals, modules, drivers. */
  private static List<CompletionItem> names(Analysis analysis, NodePath path, int offset,
      DriverRegistry drivers) {
    Map<String, CompletionItem> items = new LinkedHashMap<>();
    List<Object> nodes = path.nodes();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Object node = nodes.get(i);
      if (node instanceof Block b) {
        for (Stmt s : b.statements()) {
          if (s instanceof Stmt.Let let && s.span().end() <= offset && !let.name().isMissing()) {
            variable(items, let.name().name(), analysis.program().typeOf(let.value()));
          }
        }
      } else if (node instanceof Stmt.For f && NodePath.contains(f.body().span(), offset)) {
        variable(items, f.variable().name(), Type.ERROR);
      } else if (node instanceof Decl.Fn fn) {
        fn.params().forEach(p -> variable(items, p.name().name(), Type.ERROR));
      } else if (node instanceof Decl.Action action) {
        action.params().forEach(p -> variable(items, p.name().name(), Type.ERROR));
      } else if (node instanceof Member.OnAbort) {
        variable(items, "abort", Type.ERROR);
      } else if (node instanceof Decl.Runbook runbook) {
        for (Member m : runbook.members()) {
          if (m instanceof Member.Let let && m.span().end() <= offset) {
            variable(items, let.name().name(), analysis.program().typeOf(let.value()));
          } else if (m instanceof Member.Observe o) {
            variable(items, o.name().name(), analysis.program().typeOf(o.value()));
          }
        }
        variable(items, "runbook", Type.ERROR);
      }
    }
    CheckedProgram program = analysis.program();
    program.exports().forEach((name, decl) -> items.putIfAbsent(name, declared(name, decl, program)));
    for (String alias : program.modules().keySet()) {
      CompletionItem item = new CompletionItem(alias);
      item.setKind(CompletionItemKind.Module);
      item.setDetail("module " + program.modules().get(alias).source().path());
      items.putIfAbsent(alias, item);
    }
    for (Driver d : drivers.drivers()) {
      if (d.namespace().isEmpty()) {
        d.builtins().forEach(b -> items.putIfAbsent(b.name(), function(b.name(), b)));
      } else {
        CompletionItem item = new CompletionItem(d.namespace());
        item.setKind(CompletionItemKind.Module);
        item.setDetail("driver");
        item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, d.doc()));
        items.putIfAbsent(d.namespace(), item);
      }
    }
    items.values().removeIf(i -> i.getLabel().isEmpty());
    return new ArrayList<>(items.values());
  }

  private static void variable(Map<String, CompletionItem> items, String name, Type type) {
    CompletionItem item = new CompletionItem(name);
    item.setKind(CompletionItemKind.Variable);
    if (!type.isError()) {
      item.setDetail(type.display());
    }
    items.putIfAbsent(name, item);
  }

  private static void keyword(Map<String, CompletionItem> items, String word) {
    CompletionItem item = new CompletionItem(word);
    item.setKind(CompletionItemKind.Keyword);
    String doc = Keywords.markdown(word);
    if (doc != null) {
      item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, doc));
    }
    items.putIfAbsent(word, item);
  }

  private static CompletionItem function(String label, Builtin b) {
    CompletionItem item = new CompletionItem(label);
    item.setKind(CompletionItemKind.Function);
    item.setDetail(dev.chaos.spi.DriverDocs.callShape(b));
    item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, Signatures.builtinMarkdown(b)));
    return item;
  }

  private static CompletionItem declared(String name, Decl decl, CheckedProgram owner) {
    CompletionItem item = new CompletionItem(name);
    if (decl instanceof Decl.Let let) {
      item.setKind(CompletionItemKind.Constant);
      item.setDetail(owner.typeOf(let.value()).display());
    } else {
      item.setKind(decl instanceof Decl.Action ? CompletionItemKind.Method
          : CompletionItemKind.Function);
      item.setDetail(Signatures.declared(decl));
      String doc = DocComments.above(decl.span());
      if (!doc.isEmpty()) {
        item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, doc));
      }
    }
    return item;
  }

  private static CompletionItem argument(String name, String type, String doc) {
    CompletionItem item = new CompletionItem(name + ":");
    item.setKind(CompletionItemKind.Property);
    item.setInsertText(name + ": ");
    item.setDetail(type);
    item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, doc));
    item.setSortText("0" + name);
    return item;
  }
}
