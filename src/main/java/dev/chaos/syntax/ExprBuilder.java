package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosParser.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Arg;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Ident;
import dev.chaos.syntax.grammar.ChaosParser;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds expressions. Left-associative chains (`a + b + c`, `x.y(z)[0]`) can be as long as the
 * file, so their left spine is walked with a loop; recursion only follows brackets and prefix
 * operators, whose depth {@link NestingLimit} bounds.
 */
final class ExprBuilder {
  private final Spans spans;
  private final List<Diagnostic> out;
  private final StringLiterals strings;
  private final ComparisonChains chains;
  private final Reassociate reassociate;

  ExprBuilder(Spans spans, List<Diagnostic> out) {
    this.spans = spans;
    this.out = out;
    this.strings = new StringLiterals(spans, out, this);
    this.chains = new ComparisonChains(out);
    this.reassociate = new Reassociate(chains);
  }

  /** The expression, or an error node at {@code missingAt} when the parser found none. */
  Expr expr(ExprContext ctx, Span missingAt) {
    return ctx == null ? new Expr.Error(missingAt) : expr(ctx);
  }

  Expr expr(ExprContext root) {
    Deque<ExprContext> spine = new ArrayDeque<>();
    ExprContext current = root;
    while (current != null && leftChild(current) != null) {
      spine.push(current);
      current = leftChild(current);
    }
    Expr result = leaf(current);
    while (!spine.isEmpty()) {
      result = combine(spine.pop(), result);
    }
    return result;
  }

  /** The left operand of a left-recursive alternative, else null. */
  private static ExprContext leftChild(ExprContext ctx) {
    if (ctx instanceof PostfixExprContext || ctx instanceof MultiplyExprContext
        || ctx instanceof AddExprContext || ctx instanceof CompareExprContext
        || ctx instanceof AndExprContext || ctx instanceof OrExprContext) {
      return ctx.getRuleContext(ExprContext.class, 0);
    }
    return null;
  }

  private Expr leaf(ExprContext ctx) {
    if (ctx instanceof PrimaryExprContext) {
      PrimaryContext primary = ((PrimaryExprContext) ctx).primary();
      return primary == null ? error(ctx) : primary(primary);
    }
    if (ctx instanceof NegateExprContext) {
      NegateExprContext neg = (NegateExprContext) ctx;
      return new Expr.Unary(spans.of(ctx), Expr.UnaryOp.NEG, expr(neg.expr(), spans.after(neg.MINUS().getSymbol())));
    }
    if (ctx instanceof NotExprContext) {
      NotExprContext not = (NotExprContext) ctx;
      if (not.op.getType() == BANG) {
        foreignOperator(not.op, "not");
      }
      return new Expr.Unary(spans.of(ctx), Expr.UnaryOp.NOT, expr(not.expr(), spans.after(not.op)));
    }
    return error(ctx);
  }

  private Expr combine(ExprContext ctx, Expr left) {
    if (ctx instanceof PostfixExprContext) {
      PostfixContext postfix = ((PostfixExprContext) ctx).postfix();
      return postfix == null ? left : postfix(postfix, left, spans.of(ctx));
    }
    Token op = opToken(ctx);
    if (op == null) {
      return new Expr.Error(spans.of(ctx));
    }
    Expr right = expr(ctx.getRuleContext(ExprContext.class, 1), spans.after(op));
    Span span = spans.of(ctx);
    ExprContext leftCtx = ctx.getRuleContext(ExprContext.class, 0);
    if (ctx instanceof CompareExprContext && leftCtx instanceof CompareExprContext
        && left instanceof Expr.Binary) {
      return chainedComparison((Expr.Binary) left, op, right, span);
    }
    return new Expr.Binary(span, binaryOp(op), spans.of(op), left, right);
  }

  private static Token opToken(ExprContext ctx) {
    if (ctx.getChildCount() < 2) {
      return null;
    } else if (ctx instanceof MultiplyExprContext) {
      return ((MultiplyExprContext) ctx).op;
    } else if (ctx instanceof AddExprContext) {
      return ((AddExprContext) ctx).op;
    } else if (ctx instanceof CompareExprContext) {
      return ((CompareExprContext) ctx).op;
    } else if (ctx instanceof AndExprContext) {
      return ((AndExprContext) ctx).op;
    } else {
      return ((OrExprContext) ctx).op;
    }
  }

  private Expr.BinaryOp binaryOp(Token op) {
    switch (op.getType()) {
      case STAR:
        return Expr.BinaryOp.MUL;
      case SLASH:
        return Expr.BinaryOp.DIV;
      case PLUS:
        return Expr.BinaryOp.ADD;
      case MINUS:
        return Expr.BinaryOp.SUB;
      case EQ:
        return Expr.BinaryOp.EQ;
      case NE:
        return Expr.BinaryOp.NE;
      case LT:
        return Expr.BinaryOp.LT;
      case LE:
        return Expr.BinaryOp.LE;
      case GT:
        return Expr.BinaryOp.GT;
      case GE:
        return Expr.BinaryOp.GE;
      case AND:
        return Expr.BinaryOp.AND;
      case AMP_AMP:
        foreignOperator(op, "and");
        return Expr.BinaryOp.AND;
      case OR:
        return Expr.BinaryOp.OR;
      default:
        foreignOperator(op, "or");
        return Expr.BinaryOp.OR;
    }
  }

  /** `a < b < c`: see {@link ComparisonChains}. */
  private Expr chainedComparison(Expr.Binary left, Token op, Expr right, Span span) {
    Expr.Binary last = chains.isJoin(left) && left.right() instanceof Expr.Binary b ? b : left;
    Expr.Binary link = new Expr.Binary(last.right().span().to(right.span()), binaryOp(op),
        spans.of(op), last.right(), right);
    return chains.append(span, left, last, link);
  }

  /**
   * An expression statement: `not`s and the rest, or a first operand and its postfixes and then
   * maybe an operator and the rest, where the parser read the rest as an expression of its own
   * ({@link Reassociate}).
   */
  Expr statement(ExprStmtContext ctx) {
    if (!ctx.prefix.isEmpty()) {
      Token last = ctx.prefix.get(ctx.prefix.size() - 1);
      Expr result = expr(ctx.operand, spans.after(last));
      for (int i = ctx.prefix.size() - 1; i >= 0; i--) {
        Token not = ctx.prefix.get(i);
        if (not.getType() == BANG) {
          foreignOperator(not, "not");
        }
        result = reassociate.not(spans.of(not), result);
      }
      return result;
    }
    AtomContext atom = ctx.atom();
    if (atom == null) {
      return new Expr.Error(spans.of(ctx));
    }
    Expr result = atom(atom);
    for (PostfixContext postfix : ctx.postfix()) {
      Span span = new Span(spans.file(), spans.start(atom.getStart()), spans.end(postfix.getStop() == null
          ? postfix.getStart() : postfix.getStop()));
      result = postfix(postfix, result, span);
    }
    if (ctx.op != null) {
      result = reassociate.attach(result, binaryOp(ctx.op), spans.of(ctx.op), expr(ctx.rest, spans.after(ctx.op)));
    }
    return result;
  }

  private void foreignOperator(Token op, String chaos) {
    out.add(Diagnostic.of(Code.CH0010, spans.of(op), Tokens.quote(op.getText()) + " is not an operator")
        .withLabel("written `" + chaos + "` in chaos")
        .withHelp("use `" + chaos + "`"));
  }

  /** Applies one `.name`, `(args)` or `[index]` to {@code target}; {@code span} covers both. */
  Expr postfix(PostfixContext ctx, Expr target, Span span) {
    if (ctx instanceof MemberSuffixContext) {
      AnyWordContext word = ((MemberSuffixContext) ctx).anyWord();
      return word == null ? new Expr.Error(span) : new Expr.Member(span, target, ident(word));
    }
    if (ctx instanceof CallSuffixContext) {
      List<Arg> args = new ArrayList<>();
      for (ArgContext arg : ((CallSuffixContext) ctx).arg()) {
        Ident name = arg.anyWord() == null ? null : ident(arg.anyWord());
        args.add(new Arg(spans.of(arg), name, expr(arg.expr(), spans.of(arg))));
      }
      return new Expr.Call(span, target, args);
    }
    if (ctx instanceof IndexSuffixContext) {
      IndexSuffixContext index = (IndexSuffixContext) ctx;
      return new Expr.Index(span, target, expr(index.expr(), spans.after(index.LBRACK().getSymbol())));
    }
    return new Expr.Error(span);
  }

  Expr primary(PrimaryContext ctx) {
    Span span = spans.of(ctx);
    if (ctx instanceof AtomPrimaryContext) {
      AtomContext atom = ((AtomPrimaryContext) ctx).atom();
      return atom == null ? new Expr.Error(span) : atom(atom);
    } else if (ctx instanceof ParenExprContext) {
      ParenExprContext paren = (ParenExprContext) ctx;
      return new Expr.Paren(span, expr(paren.expr(), spans.after(paren.LPAREN().getSymbol())));
    } else if (ctx instanceof ListLiteralContext) {
      List<Expr> elements = new ArrayList<>();
      for (ExprContext element : ((ListLiteralContext) ctx).expr()) {
        elements.add(expr(element));
      }
      return new Expr.ListLit(span, elements);
    } else if (ctx instanceof RecordLiteralContext) {
      List<Expr.Field> fields = new ArrayList<>();
      for (FieldContext field : ((RecordLiteralContext) ctx).field()) {
        if (field.anyWord() != null) {
          fields.add(new Expr.Field(spans.of(field), ident(field.anyWord()),
              expr(field.expr(), spans.after(field.getStop()))));
        }
      }
      return new Expr.RecordLit(span, fields);
    }
    return new Expr.Error(span);
  }

  /** A literal or a name. */
  private Expr atom(AtomContext ctx) {
    Span span = spans.of(ctx);
    String text = ctx.getStart().getText();
    if (ctx instanceof IntLiteralContext) {
      Long value = Literals.integer(text);
      return value == null ? new Expr.Error(span) : new Expr.IntLit(span, value);
    } else if (ctx instanceof FloatLiteralContext) {
      return new Expr.FloatLit(span, Literals.decimal(text));
    } else if (ctx instanceof DurationLiteralContext) {
      Duration value = Literals.duration(text);
      return value == null ? new Expr.Error(span) : new Expr.DurationLit(span, value);
    } else if (ctx instanceof PercentLiteralContext) {
      return new Expr.PercentLit(span, Literals.percent(text));
    } else if (ctx instanceof TimeOfDayLiteralContext) {
      int[] time = Literals.timeOfDay(text);
      return time == null ? new Expr.Error(span) : new Expr.TimeOfDayLit(span, time[0], time[1]);
    } else if (ctx instanceof BoolLiteralContext) {
      return new Expr.BoolLit(span, ctx.getStart().getType() == ChaosParser.TRUE);
    } else if (ctx instanceof StringLiteralContext) {
      StringContext string = ((StringLiteralContext) ctx).string();
      return string == null ? new Expr.Error(span) : strings.string(string);
    } else if (ctx instanceof NameRefContext) {
      return new Expr.Name(span, text);
    } else if (ctx instanceof RunbookRefContext) {
      return new Expr.Name(span, "runbook");
    }
    // A glued number (already reported) or an atom the parser could not finish.
    return new Expr.Error(span);
  }

  Ident ident(ParserRuleContext word) {
    return new Ident(spans.of(word), word.getStart().getText());
  }

  private Expr error(ParserRuleContext ctx) {
    return new Expr.Error(spans.of(ctx));
  }
}
