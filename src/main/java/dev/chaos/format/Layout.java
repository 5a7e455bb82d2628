package dev.chaos.format;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import dev.chaos.syntax.grammar.ChaosParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns the concrete syntax tree of a file that parsed without errors into a {@link Doc}.
 * Every token of the tree is printed with its own text, so nothing but layout can change;
 * strings and text blocks are printed exactly as written, interpolations included.
 */
final class Layout {
  private final CharStream chars;
  private final List<Token> tokens;
  private final Comments comments;
  /** Tokens that end a declaration, member or statement: their `//` comments go after it. */
  private final Set<Integer> statementEnds = new HashSet<>();
  /** Tokens that start one: the empty line before their comments is the separator's. */
  private final Set<Integer> statementStarts = new HashSet<>();

  Layout(CharStream chars, List<Token> tokens) {
    this.chars = chars;
    this.tokens = tokens;
    this.comments = new Comments(chars, tokens);
  }

  Doc program(ChaosParser.ProgramContext ctx) {
    Doc.Parts p = new Doc.Parts();
    ParserRuleContext previous = null;
    for (ChaosParser.DeclContext decl : ctx.decl()) {
      if (previous != null) {
        boolean blank = comments.blankBeforeStatement(decl.getStart()) || !sameKindOfDecl(previous, decl);
        p.add(blank ? Doc.BLANK_LINE : Doc.HARD_LINE);
      }
      p.add(statement(decl));
      previous = decl;
    }
    Token eof = ctx.EOF().getSymbol();
    p.add(comments.leading(eof, previous == null));
    return p.doc();
  }

  /** Imports go together, as do a file's constants; other declarations stand apart. */
  private static boolean sameKindOfDecl(ParserRuleContext a, ParserRuleContext b) {
    return a.getClass() == b.getClass()
        && (a instanceof ChaosParser.ImportDeclContext || a instanceof ChaosParser.LetDeclContext);
  }

  /** Header attributes go together, as do lets, preconditions, guards...; kinds stand apart. */
  private static boolean sameKindOfMember(ParserRuleContext a, ParserRuleContext b) {
    return memberKind(a) == memberKind(b);
  }

  private static Class<?> memberKind(ParserRuleContext m) {
    return m instanceof ChaosParser.WindowMemberContext || m instanceof ChaosParser.ScheduleMemberContext
        ? ChaosParser.AttributeMemberContext.class : m.getClass();
  }

  private Doc statement(ParserRuleContext ctx) {
    Token stop = ctx.getStop();
    statementEnds.add(stop.getTokenIndex());
    statementStarts.add(ctx.getStart().getTokenIndex());
    return Doc.concat(build(ctx), comments.trailing(stop));
  }

  private Doc build(ParseTree node) {
    if (node instanceof TerminalNode tn) {
      return tok(tn.getSymbol());
    }
    if (node instanceof ChaosParser.RunbookDeclContext rb) {
      return Doc.concat(tok(rb.RUNBOOK().getSymbol()), Doc.text(" "), build(rb.label), Doc.text(" "),
          body(rb.LBRACE().getSymbol(), new ArrayList<>(rb.member()), rb.RBRACE().getSymbol(), true));
    }
    if (node instanceof ChaosParser.BlockContext b) {
      return body(b.LBRACE().getSymbol(), new ArrayList<>(b.stmt()), b.RBRACE().getSymbol(), false);
    }
    if (node instanceof ChaosParser.FnDeclContext || node instanceof ChaosParser.ActionDeclContext) {
      return callable((ParserRuleContext) node);
    }
    if (node instanceof ChaosParser.StringContext s) {
      return verbatim(s);
    }
    if (node instanceof ChaosParser.ExpectStmtContext e) {
      Doc.Parts p = new Doc.Parts().add(tok(e.EXPECT().getSymbol())).add(" ").add(build(e.condition));
      if (e.ELSE() != null) {
        p.add(Doc.group(Doc.indent(Doc.concat(Doc.LINE, build(e.ELSE()), Doc.text(" "),
            build(e.message)))));
      }
      return p.doc();
    }
    if (node instanceof ChaosParser.WaitUntilStmtContext w) {
      Doc.Parts p = new Doc.Parts().add(tok(w.WAIT().getSymbol())).add(" ")
          .add(tok(w.UNTIL().getSymbol())).add(" ").add(build(w.condition));
      List<ParseTree> rest = new ArrayList<>();
      if (w.EVERY() != null) {
        rest.add(w.EVERY());
        rest.add(w.every);
      }
      if (w.WITHIN() != null) {
        rest.add(w.WITHIN());
        rest.add(w.within);
      }
      if (rest.isEmpty()) {
        return p.doc();
      }
      Doc.Parts clause = new Doc.Parts();
      for (int i = 0; i < rest.size(); i++) {
        clause.add(i == 0 ? Doc.LINE : Doc.text(" ")).add(build(rest.get(i)));
      }
      return p.add(Doc.group(Doc.indent(clause.doc()))).doc();
    }
    if (node instanceof ChaosParser.ExprStmtContext s) {
      return exprStatement(s);
    }
    if (node instanceof ChaosParser.PostfixExprContext e) {
      return Doc.concat(build(e.expr()), build(e.postfix()));
    }
    if (node instanceof ChaosParser.NegateExprContext e) {
      return Doc.concat(tok(e.MINUS().getSymbol()), build(e.expr()));
    }
    if (node instanceof ChaosParser.NotExprContext e) {
      return e.op.getType() == BANG ? Doc.concat(tok(e.op), build(e.expr()))
          : Doc.concat(tok(e.op), Doc.text(" "), build(e.expr()));
    }
    if (isBinary(node)) {
      return binaryChain((ChaosParser.ExprContext) node);
    }
    if (node instanceof ChaosParser.CallSuffixContext
        || node instanceof ChaosParser.ListLiteralContext
        || node instanceof ChaosParser.RecordLiteralContext) {
      return bracketed(children((ParserRuleContext) node));
    }
    if (node instanceof ChaosParser.MemberSuffixContext
        || node instanceof ChaosParser.IndexSuffixContext
        || node instanceof ChaosParser.ParenExprContext) {
      Doc.Parts p = new Doc.Parts();
      for (ParseTree child : children((ParserRuleContext) node)) {
        p.add(build(child));
      }
      return p.doc();
    }
    return generic((ParserRuleContext) node);
  }

  /** Children separated by a space, except around brackets, before `,` and `:`; an `=` the
   * author ended a line with keeps its line break, the rest indented. */
  private Doc generic(ParserRuleContext ctx) {
    Doc.Parts p = new Doc.Parts();
    Doc.Parts wrapped = null;
    List<ParseTree> kids = children(ctx);
    for (int i = 0; i < kids.size(); i++) {
      ParseTree kid = kids.get(i);
      Doc.Parts into = wrapped == null ? p : wrapped;
      if (i > 0 && !(wrapped != null && wrapped.isEmpty()) && spaced(kids.get(i - 1), kid)) {
        into.add(" ");
      }
      into.add(build(kid));
      if (isTerminal(kid, ASSIGN) && i + 1 < kids.size()
          && first(kids.get(i + 1)).getLine() > ((TerminalNode) kid).getSymbol().getLine()) {
        wrapped = new Doc.Parts();
      }
    }
    if (wrapped != null) {
      p.add(Doc.indent(Doc.concat(Doc.HARD_LINE, wrapped.doc())));
    }
    return p.doc();
  }

  private static boolean spaced(ParseTree before, ParseTree after) {
    if (isTerminal(before, LPAREN) || isTerminal(before, LBRACK)) {
      return false;
    }
    return !(isTerminal(after, COMMA) || isTerminal(after, COLON) || isTerminal(after, RPAREN)
        || isTerminal(after, RBRACK) || isTerminal(after, LPAREN) || isTerminal(after, LBRACK));
  }

  /** `fn name(params) -> Type = expr` and `action name(params) { ... }`. */
  private Doc callable(ParserRuleContext ctx) {
    List<ParseTree> kids = children(ctx);
    Doc.Parts p = new Doc.Parts();
    p.add(build(kids.get(0))).add(" ").add(build(kids.get(1)));
    int close = 2;
    while (!isTerminal(kids.get(close), RPAREN)) {
      close++;
    }
    List<ParseTree> list = new ArrayList<>();
    list.add(kids.get(2));
    if (close > 3) {
      list.addAll(children((ParserRuleContext) kids.get(3)));
    }
    list.add(kids.get(close));
    p.add(bracketed(list));
    List<ParseTree> rest = new ArrayList<>(kids.subList(close + 1, kids.size()));
    for (int i = 0; i < rest.size(); i++) {
      ParseTree kid = rest.get(i);
      if (isTerminal(kid, ASSIGN) && i + 1 < rest.size()
          && first(rest.get(i + 1)).getLine() > ((TerminalNode) kid).getSymbol().getLine()) {
        p.add(" ").add(build(kid));
        Doc.Parts tail = new Doc.Parts();
        for (int j = i + 1; j < rest.size(); j++) {
          if (j > i + 1) {
            tail.add(" ");
          }
          tail.add(build(rest.get(j)));
        }
        p.add(Doc.indent(Doc.concat(Doc.HARD_LINE, tail.doc())));
        break;
      }
      if (isTerminal(kid, ASSIGN) && i + 1 < rest.size()) {
        // a body too long for the line goes on the next one before anything in it breaks
        p.add(" ").add(build(kid)).add(Doc.group(Doc.indent(Doc.concat(Doc.LINE, build(rest.get(i + 1))))));
        i++;
        continue;
      }
      p.add(" ").add(build(kid));
    }
    return p.doc();
  }

  /** `(a, b)`, `[a, b]`, `{k: v}`: on one line when it fits, else one item a line with a
   * trailing comma. The author's trailing comma only matters for where its comments go. */
  private Doc bracketed(List<ParseTree> kids) {
    Token open = ((TerminalNode) kids.get(0)).getSymbol();
    Token close = ((TerminalNode) kids.get(kids.size() - 1)).getSymbol();
    List<ParseTree> inner = kids.subList(1, kids.size() - 1);
    if (inner.isEmpty() && !comments.hasLeading(close)) {
      return Doc.concat(tok(open), tok(close));
    }
    if (inner.size() == 1 && isString(inner.get(0)) && !comments.hasLeading(close)) {
      // a lone string stays hugged: wrapping it would not make it shorter
      return Doc.concat(tok(open), build(inner.get(0)), tok(close));
    }
    Doc.Parts items = new Doc.Parts().add(Doc.SOFT_LINE);
    boolean commaAfterLast = false;
    for (int i = 0; i < inner.size(); i++) {
      ParseTree kid = inner.get(i);
      if (isTerminal(kid, COMMA)) {
        Token comma = ((TerminalNode) kid).getSymbol();
        if (i == inner.size() - 1) {
          commaAfterLast = true;
          items.add(Doc.ifBreak(",")).add(comments.leading(comma, false))
              .add(comments.trailing(comma, true));
        } else {
          items.add(comments.leading(comma, false)).add(comma.getText())
              .add(comments.trailing(comma, true)).add(Doc.LINE);
        }
      } else {
        items.add(build(kid));
      }
    }
    if (!commaAfterLast && !inner.isEmpty()) {
      items.add(Doc.ifBreak(","));
    }
    items.add(comments.leading(close, false));
    Doc beforeClose = comments.hasLeading(close) ? Doc.FRESH_LINE : Doc.SOFT_LINE;
    // the comments after the closer stay out of the group: they need not break it
    // a `//` comment after the opener or an item's comma breaks the group: it ends that line
    Doc opener = Doc.concat(comments.leading(open, statementStarts.contains(open.getTokenIndex())),
        Doc.text(open.getText()), comments.trailing(open, true));
    return Doc.concat(Doc.group(Doc.concat(opener, Doc.indent(items.doc()), beforeClose,
        Doc.text(close.getText()))), trailingUnlessEnd(close));
  }

  /** A binary operation. Its line breaks after the operator (a line that starts with one
   * continues the line before, which the checker warns about): where the author broke it, and
   * where the chain does not fit on the line. */
  private Doc binary(Doc left, Token leftEnd, Token op, ParserRuleContext right) {
    boolean broken = right.getStart().getLine() > op.getLine() || op.getLine() > leftEnd.getLine();
    return Doc.concat(left, Doc.text(" "), tok(op),
        Doc.indent(Doc.concat(broken ? Doc.HARD_LINE : Doc.LINE, build(right))));
  }

  private static boolean isBinary(ParseTree node) {
    return node instanceof ChaosParser.MultiplyExprContext || node instanceof ChaosParser.AddExprContext
        || node instanceof ChaosParser.CompareExprContext || node instanceof ChaosParser.AndExprContext
        || node instanceof ChaosParser.OrExprContext;
  }

  /** A binary operation and those on its left, built bottom-up in a loop: a long chain
   * (`1 + 1 + ...`) nests as deep as it is long. */
  private Doc binaryChain(ChaosParser.ExprContext top) {
    Deque<ChaosParser.ExprContext> spine = new ArrayDeque<>();
    ParseTree e = top;
    while (isBinary(e)) {
      spine.push((ChaosParser.ExprContext) e);
      e = ((ChaosParser.ExprContext) e).getChild(0);
    }
    Doc doc = build(e);
    while (!spine.isEmpty()) {
      ChaosParser.ExprContext b = spine.pop();
      ParserRuleContext left = (ParserRuleContext) b.getChild(0);
      Token op = ((TerminalNode) b.getChild(1)).getSymbol();
      doc = chain(b, binary(doc, left.getStop(), op, (ParserRuleContext) b.getChild(2)));
    }
    return doc;
  }

  /** Operators of one precedence in a row (`a and b and c`) break together, or not at all. */
  private static Doc chain(ParserRuleContext e, Doc doc) {
    return e.getParent() != null && e.getParent().getClass() == e.getClass() ? doc : Doc.group(doc);
  }

  private Doc exprStatement(ChaosParser.ExprStmtContext s) {
    List<ParseTree> kids = children(s);
    Doc.Parts p = new Doc.Parts();
    Token leftEnd = null;
    for (int i = 0; i < kids.size(); i++) {
      ParseTree kid = kids.get(i);
      if (isTerminal(kid, NOT)) {
        p.add(build(kid)).add(" ");
      } else if (isTerminal(kid, BANG)) {
        p.add(build(kid));
      } else if (isTerminal(kid, ASSIGN)) {
        p.add(" ").add(build(kid)).add(" ");
      } else if (kid instanceof TerminalNode op) {
        // the binary operator after the statement's first operand
        Doc done = p.doc();
        ParserRuleContext right = (ParserRuleContext) kids.get(++i);
        p = new Doc.Parts().add(binary(done, leftEnd, op.getSymbol(), right));
      } else {
        p.add(build(kid));
      }
      if (!(kid instanceof TerminalNode)) {
        leftEnd = ((ParserRuleContext) kid).getStop();
      }
    }
    return p.doc();
  }

  /** A string or text block exactly as written: its text is its meaning. */
  private Doc verbatim(ParserRuleContext s) {
    Token start = s.getStart();
    Token stop = s.getStop();
    String text = chars.getText(Interval.of(start.getStartIndex(), stop.getStopIndex()));
    if (s instanceof ChaosParser.TextBlockContext) {
      // the file's line breaks become `\n` as everywhere else (the result's check proves the
      // text block reads the same)
      text = text.replace("\r\n", "\n");
    }
    return Doc.concat(comments.leading(start, statementStarts.contains(start.getTokenIndex())),
        Doc.text(text), trailingUnlessEnd(stop));
  }

  /** The members of a runbook or the statements of a block, one a line, with at most one
   * empty line where the author left some (and between kinds of member). */
  private Doc body(Token open, List<ParserRuleContext> items, Token close, boolean members) {
    if (items.isEmpty() && !comments.hasLeading(close)) {
      return Doc.concat(tok(open), tok(close));
    }
    Doc.Parts inner = new Doc.Parts();
    ParserRuleContext previous = null;
    for (ParserRuleContext item : items) {
      boolean blank = previous != null && (comments.blankBeforeStatement(item.getStart())
          || members && !sameKindOfMember(previous, item));
      inner.add(blank ? Doc.BLANK_LINE : Doc.HARD_LINE);
      inner.add(statement(item));
      previous = item;
    }
    inner.add(comments.leading(close, items.isEmpty()));
    // after comments the line is fresh already
    return Doc.concat(tok(open), Doc.indent(inner.doc()), Doc.FRESH_LINE,
        Doc.concat(Doc.text(close.getText()), trailingUnlessEnd(close)));
  }

  private Doc tok(Token t) {
    return Doc.concat(comments.leading(t, statementStarts.contains(t.getTokenIndex())),
        Doc.text(t.getText()), trailingUnlessEnd(t));
  }

  private Doc trailingUnlessEnd(Token t) {
    return statementEnds.contains(t.getTokenIndex()) ? Doc.EMPTY : comments.trailing(t);
  }

  /** An argument, element or field value that is nothing but a string or text block. */
  private static boolean isString(ParseTree node) {
    ParseTree n = node;
    while (n instanceof ParserRuleContext ctx && !(n instanceof ChaosParser.StringContext)) {
      if (ctx.getChildCount() != 1) {
        return false;
      }
      n = ctx.getChild(0);
    }
    return n instanceof ChaosParser.StringContext;
  }

  private static List<ParseTree> children(ParserRuleContext ctx) {
    return ctx.children == null ? List.of() : ctx.children;
  }

  private static boolean isTerminal(ParseTree node, int type) {
    return node instanceof TerminalNode tn && tn.getSymbol().getType() == type;
  }

  private static Token first(ParseTree node) {
    return node instanceof TerminalNode tn ? tn.getSymbol() : ((ParserRuleContext) node).getStart();
  }
}
