package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosLexer.*;

import dev.chaos.syntax.grammar.ChaosParser;
import java.util.BitSet;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNodeImpl;

/**
 * A recursive-descent parser for valid files: it builds the parse tree that ChaosParser's SLL
 * parse builds (the same context classes, children, labelled fields and start and stop tokens)
 * without the generated parser's class, whose static initialiser deserialises the grammar's
 * automaton and whose first parse builds its prediction tables, most of a one-file check's
 * parse time in a cold JVM. Only the nested context classes are used; they hold constants.
 *
 * <p>Where the grammar leaves a choice, this takes the alternative ANTLR's prediction takes
 * (the first viable one; loops and options greedy; precedence climbing for `expr` with the
 * precedences ANTLR gives its alternatives). Wherever it is not sure (a syntax error, a choice
 * only longer lookahead settles) it gives up and {@link #program} returns null: the caller
 * parses with ANTLR, which also reports the errors. HandParserAgreesWithGrammarTest holds it to
 * that.
 */
final class HandParser {
  /** Thrown to give up: cheap, as it has no stack trace. */
  private static final class GiveUp extends RuntimeException {
    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();
  /** ANTLR's invoking states are states of the automaton this parser does without. */
  private static final int NO_STATE = -1;

  // The precedences ANTLR gives the alternatives of `expr` (earlier binds tighter).
  private static final int POSTFIX = 8;
  private static final int NEGATE_OPERAND = 7;
  private static final int MULTIPLY = 6;
  private static final int ADD = 5;
  private static final int COMPARE = 4;
  private static final int NOT_OPERAND = 3;
  private static final int CONJUNCTION = 2;
  private static final int DISJUNCTION = 1;

  private final List<Token> tokens;
  private final BitSet sectionStarts;
  /** The index in {@link #tokens} of the next token. */
  private int next;

  private HandParser(List<Token> tokens, BitSet sectionStarts) {
    this.tokens = tokens;
    this.sectionStarts = sectionStarts;
  }

  /**
   * The parse tree of {@code tokens} (the default channel, ending with EOF), or null where this
   * parser gives up. {@code sectionStarts} is ChaosParser's field of that name.
   */
  static ChaosParser.ProgramContext program(List<Token> tokens, BitSet sectionStarts) {
    if (tokens.isEmpty() || tokens.get(tokens.size() - 1).getType() != Token.EOF) {
      return null;
    }
    try {
      return new HandParser(tokens, sectionStarts).program();
    } catch (GiveUp | StackOverflowError e) {
      return null;
    }
  }

  private ChaosParser.ProgramContext program() {
    ChaosParser.ProgramContext ctx = new ChaosParser.ProgramContext(null, NO_STATE);
    ctx.start = token();
    while (la() == IMPORT || la() == FN || la() == ACTION || la() == RUNBOOK || la() == LET) {
      decl(ctx);
    }
    match(ctx, EOF);
    // ANTLR's stop of a rule that matched EOF is EOF
    ctx.stop = token();
    return ctx;
  }

  private void decl(ParserRuleContext parent) {
    ChaosParser.DeclContext base = new ChaosParser.DeclContext(parent, NO_STATE);
    switch (la()) {
      case IMPORT -> {
        var ctx = enter(parent, new ChaosParser.ImportDeclContext(base));
        match(ctx, IMPORT);
        ctx.path = string(ctx);
        if (la() == AS) {
          match(ctx, AS);
          ctx.alias = name(ctx);
        }
        exit(ctx);
      }
      case LET -> {
        var ctx = enter(parent, new ChaosParser.LetDeclContext(base));
        match(ctx, LET);
        name(ctx);
        match(ctx, ASSIGN);
        expr(ctx, 0);
        exit(ctx);
      }
      case FN -> {
        var ctx = enter(parent, new ChaosParser.FnDeclContext(base));
        match(ctx, FN);
        name(ctx);
        match(ctx, LPAREN);
        if (Tokens.isName(la())) {
          params(ctx);
        }
        match(ctx, RPAREN);
        match(ctx, ARROW);
        typeRef(ctx);
        match(ctx, ASSIGN);
        expr(ctx, 0);
        exit(ctx);
      }
      case ACTION -> {
        var ctx = enter(parent, new ChaosParser.ActionDeclContext(base));
        match(ctx, ACTION);
        name(ctx);
        match(ctx, LPAREN);
        if (Tokens.isName(la())) {
          params(ctx);
        }
        match(ctx, RPAREN);
        block(ctx);
        exit(ctx);
      }
      case RUNBOOK -> {
        var ctx = enter(parent, new ChaosParser.RunbookDeclContext(base));
        match(ctx, RUNBOOK);
        ctx.label = string(ctx);
        match(ctx, LBRACE);
        while (la() != RBRACE) {
          member(ctx);
        }
        match(ctx, RBRACE);
        exit(ctx);
      }
      default -> throw GIVE_UP;
    }
  }

  private void params(ParserRuleContext parent) {
    var ctx = enter(parent, new ChaosParser.ParamsContext(parent, NO_STATE));
    param(ctx);
    while (la() == COMMA && Tokens.isName(la(2))) {
      match(ctx, COMMA);
      param(ctx);
    }
    if (la() == COMMA) {
      match(ctx, COMMA);
    }
    exit(ctx);
  }

  private void param(ParserRuleContext parent) {
    var ctx = enter(parent, new ChaosParser.ParamContext(parent, NO_STATE));
    name(ctx);
    match(ctx, COLON);
    typeRef(ctx);
    if (la() == ASSIGN) {
      match(ctx, ASSIGN);
      expr(ctx, 0);
    }
    exit(ctx);
  }

  private void typeRef(ParserRuleContext parent) {
    var ctx = enter(parent, new ChaosParser.TypeRefContext(parent, NO_STATE));
    name(ctx);
    if (la() == LBRACK) {
      match(ctx, LBRACK);
      typeRef(ctx);
      while (la() == COMMA) {
        match(ctx, COMMA);
        typeRef(ctx);
      }
      match(ctx, RBRACK);
    }
    exit(ctx);
  }

  private void member(ParserRuleContext parent) {
    ChaosParser.MemberContext base = new ChaosParser.MemberContext(parent, NO_STATE);
    switch (la()) {
      case TITLE, OBJECTIVE, ENVIRONMENT, BLAST_RADIUS, MAX_DURATION, OWNER, TAGS, LOCK,
          ESCALATION_POLICY -> {
        var ctx = enter(parent, new ChaosParser.AttributeMemberContext(base));
        var key = enter(ctx, new ChaosParser.AttributeKeyContext(ctx, NO_STATE));
        consume(key);
        exit(key);
        expr(ctx, 0);
        exit(ctx);
      }
      case WINDOW -> {
        var ctx = enter(parent, new ChaosParser.WindowMemberContext(base));
        match(ctx, WINDOW);
        ctx.from = expr(ctx, 0);
        match(ctx, TO);
        ctx.to = expr(ctx, 0);
        if (la() == ZONE) {
          match(ctx, ZONE);
          ctx.zone = expr(ctx, 0);
        }
        exit(ctx);
      }
      case SCHEDULE -> {
        var ctx = enter(parent, new ChaosParser.ScheduleMemberContext(base));
        match(ctx, SCHEDULE);
        ctx.cron = expr(ctx, 0);
        if (la() == ZONE) {
          match(ctx, ZONE);
          ctx.zone = expr(ctx, 0);
        }
        exit(ctx);
      }
      case LET -> {
        var ctx = enter(parent, new ChaosParser.LetMemberContext(base));
        match(ctx, LET);
        name(ctx);
        match(ctx, ASSIGN);
        expr(ctx, 0);
        exit(ctx);
      }
      case PRECONDITION -> {
        var ctx = enter(parent, new ChaosParser.PreconditionMemberContext(base));
        match(ctx, PRECONDITION);
        if (isStringStart(la())) {
          ctx.label = string(ctx);
        }
        block(ctx);
        exit(ctx);
      }
      case OBSERVE -> {
        var ctx = enter(parent, new ChaosParser.ObserveMemberContext(base));
        match(ctx, OBSERVE);
        name(ctx);
        match(ctx, ASSIGN);
        ctx.value = expr(ctx, 0);
        if (la() == EVERY) {
          match(ctx, EVERY);
          ctx.every = expr(ctx, 0);
        }
        exit(ctx);
      }
      case GUARD -> {
        var ctx = enter(parent, new ChaosParser.GuardMemberContext(base));
        match(ctx, GUARD);
        if (isStringStart(la())) {
          ctx.label = string(ctx);
        }
        if (la() == EVERY) {
          match(ctx, EVERY);
          ctx.every = expr(ctx, 0);
        }
        if (la() == EXTEND) {
          match(ctx, EXTEND);
          ctx.extend = expr(ctx, 0);
        }
        block(ctx);
        exit(ctx);
      }
      case STEP -> {
        var ctx = enter(parent, new ChaosParser.StepMemberContext(base));
        match(ctx, STEP);
        if (isStringStart(la())) {
          ctx.label = string(ctx);
        }
        while (la() == TIMEOUT || la() == RETRY || la() == IRREVERSIBLE) {
          stepOption(ctx);
        }
        ctx.body = block(ctx);
        if (la() == UNDO) {
          match(ctx, UNDO);
          ctx.undo = block(ctx);
        }
        exit(ctx);
      }
      case VERIFY -> {
        var ctx = enter(parent, new ChaosParser.VerifyMemberContext(base));
        match(ctx, VERIFY);
        if (isStringStart(la())) {
          ctx.label = string(ctx);
        }
        if (la() == THROUGHOUT) {
          match(ctx, THROUGHOUT);
        }
        block(ctx);
        exit(ctx);
      }
      case ROLLBACK -> {
        var ctx = enter(parent, new ChaosParser.RollbackMemberContext(base));
        match(ctx, ROLLBACK);
        block(ctx);
        exit(ctx);
      }
      case RECOVERY -> {
        var ctx = enter(parent, new ChaosParser.RecoveryMemberContext(base));
        match(ctx, RECOVERY);
        match(ctx, WITHIN);
        ctx.within = expr(ctx, 0);
        if (la() == EVERY) {
          match(ctx, EVERY);
          ctx.every = expr(ctx, 0);
        }
        block(ctx);
        exit(ctx);
      }
      case ON -> {
        var ctx = enter(parent, new ChaosParser.OnAbortMemberContext(base));
        match(ctx, ON);
        match(ctx, ABORT);
        block(ctx);
        exit(ctx);
      }
      default -> throw GIVE_UP;
    }
  }

  private void stepOption(ParserRuleContext parent) {
    ChaosParser.StepOptionContext base = new ChaosParser.StepOptionContext(parent, NO_STATE);
    switch (la()) {
      case TIMEOUT -> {
        var ctx = enter(parent, new ChaosParser.TimeoutOptionContext(base));
        match(ctx, TIMEOUT);
        optionValue(ctx);
        exit(ctx);
      }
      case RETRY -> {
        var ctx = enter(parent, new ChaosParser.RetryOptionContext(base));
        match(ctx, RETRY);
        optionValue(ctx);
        exit(ctx);
      }
      default -> {
        var ctx = enter(parent, new ChaosParser.IrreversibleOptionContext(base));
        match(ctx, IRREVERSIBLE);
        exit(ctx);
      }
    }
  }

  /**
   * The value of `timeout` or `retry`. What may follow an option without a value (`{`, another
   * option's word) could also begin a value, a choice only longer lookahead settles: given up.
   */
  private void optionValue(ParserRuleContext ctx) {
    int type = la();
    if (type == LBRACE || type == TIMEOUT || type == RETRY || type == IRREVERSIBLE) {
      throw GIVE_UP;
    }
    expr(ctx, 0);
  }

  private ChaosParser.BlockContext block(ParserRuleContext parent) {
    var ctx = enter(parent, new ChaosParser.BlockContext(parent, NO_STATE));
    match(ctx, LBRACE);
    while (la() != RBRACE) {
      stmt(ctx);
    }
    match(ctx, RBRACE);
    return exit(ctx);
  }

  private void stmt(ParserRuleContext parent) {
    ChaosParser.StmtContext base = new ChaosParser.StmtContext(parent, NO_STATE);
    switch (la()) {
      case LET -> {
        var ctx = enter(parent, new ChaosParser.LetStmtContext(base));
        match(ctx, LET);
        name(ctx);
        match(ctx, ASSIGN);
        expr(ctx, 0);
        exit(ctx);
      }
      case EXPECT -> {
        var ctx = enter(parent, new ChaosParser.ExpectStmtContext(base));
        match(ctx, EXPECT);
        ctx.condition = expr(ctx, 0);
        if (la() == ELSE) {
          match(ctx, ELSE);
          ctx.message = expr(ctx, 0);
        }
        exit(ctx);
      }
      case WAIT -> {
        if (la(2) == UNTIL) {
          var ctx = enter(parent, new ChaosParser.WaitUntilStmtContext(base));
          match(ctx, WAIT);
          match(ctx, UNTIL);
          ctx.condition = expr(ctx, 0);
          if (la() == EVERY) {
            match(ctx, EVERY);
            ctx.every = expr(ctx, 0);
          }
          if (la() == WITHIN) {
            match(ctx, WITHIN);
            ctx.within = expr(ctx, 0);
          }
          exit(ctx);
        } else {
          var ctx = enter(parent, new ChaosParser.WaitStmtContext(base));
          match(ctx, WAIT);
          ctx.duration = expr(ctx, 0);
          exit(ctx);
        }
      }
      case IF -> {
        var ctx = enter(parent, new ChaosParser.IfStmtContext(base));
        match(ctx, IF);
        expr(ctx, 0);
        block(ctx);
        while (la() == ELSE && la(2) == IF) {
          match(ctx, ELSE);
          match(ctx, IF);
          expr(ctx, 0);
          block(ctx);
        }
        if (la() == ELSE) {
          match(ctx, ELSE);
          ctx.elseBlock = block(ctx);
        }
        exit(ctx);
      }
      case FOR -> {
        var ctx = enter(parent, new ChaosParser.ForStmtContext(base));
        match(ctx, FOR);
        name(ctx);
        match(ctx, IN);
        expr(ctx, 0);
        block(ctx);
        exit(ctx);
      }
      case RECORD -> {
        var ctx = enter(parent, new ChaosParser.RecordStmtContext(base));
        match(ctx, RECORD);
        name(ctx);
        match(ctx, ASSIGN);
        expr(ctx, 0);
        exit(ctx);
      }
      case LOG -> {
        var ctx = enter(parent, new ChaosParser.LogStmtContext(base));
        match(ctx, LOG);
        expr(ctx, 0);
        exit(ctx);
      }
      case FAIL -> {
        var ctx = enter(parent, new ChaosParser.FailStmtContext(base));
        match(ctx, FAIL);
        expr(ctx, 0);
        exit(ctx);
      }
      case WARN, ABORT -> {
        // `warn when x` could also read as two expression statements, `warn` and `when x`;
        // ANTLR takes the earlier alternative, the level
        if (la(2) == WHEN) {
          var ctx = enter(parent, new ChaosParser.LevelStmtContext(base));
          ctx.level = consume(ctx);
          match(ctx, WHEN);
          ctx.condition = expr(ctx, 0);
          exit(ctx);
        } else {
          exprStmt(parent, base);
        }
      }
      default -> exprStmt(parent, base);
    }
  }

  private void exprStmt(ParserRuleContext parent, ChaosParser.StmtContext base) {
    var ctx = enter(parent, new ChaosParser.ExprStmtContext(base));
    if (la() == NOT || la() == BANG) {
      // greedy, as ANTLR: every leading `not` is a prefix, none begins the operand. The field
      // is the label ANTLR generates for the token set of `prefix+=`; it is named after the
      // set's place in the grammar, so a grammar change that moves it fails compiling here.
      do {
        ctx._tset745 = consume(ctx);
        ctx.prefix.add(ctx._tset745);
      } while (la() == NOT || la() == BANG);
      ctx.operand = expr(ctx, 0);
    } else {
      atom(ctx);
      while (la() == DOT || la() == LPAREN || la() == LBRACK) {
        postfix(ctx);
      }
      if (isStatementOperator(la())) {
        ctx.op = consume(ctx);
        ctx.rest = expr(ctx, 0);
      }
    }
    if (la() == ASSIGN) {
      match(ctx, ASSIGN);
      ctx.value = expr(ctx, 0);
    }
    exit(ctx);
  }

  private static boolean isStatementOperator(int type) {
    return switch (type) {
      case STAR, SLASH, PLUS, MINUS, EQ, NE, LT, LE, GT, GE, AND, AMP_AMP, OR, PIPE_PIPE -> true;
      default -> false;
    };
  }

  /**
   * `expr` at {@code precedence} as ANTLR's left-recursive rule builds it: a prefix or primary
   * operand, then each operator that binds at least as tightly as {@code precedence} makes a new
   * context whose first child is the expression so far.
   */
  private ChaosParser.ExprContext expr(ParserRuleContext parent, int precedence) {
    ChaosParser.ExprContext base = new ChaosParser.ExprContext(parent, NO_STATE);
    base.start = token();
    ChaosParser.ExprContext ctx;
    switch (la()) {
      case MINUS -> {
        var negate = new ChaosParser.NegateExprContext(base);
        match(negate, MINUS);
        expr(negate, NEGATE_OPERAND);
        ctx = negate;
      }
      case NOT, BANG -> {
        var not = new ChaosParser.NotExprContext(base);
        not.op = consume(not);
        expr(not, NOT_OPERAND);
        ctx = not;
      }
      default -> {
        var primary = new ChaosParser.PrimaryExprContext(base);
        primary(primary);
        ctx = primary;
      }
    }
    ctx.stop = previous();
    while (true) {
      int type = la();
      ChaosParser.ExprContext outer;
      int right;
      if (type == DOT || type == LPAREN || type == LBRACK) {
        outer = new ChaosParser.PostfixExprContext(new ChaosParser.ExprContext(parent, NO_STATE));
        right = POSTFIX;
      } else if ((type == STAR || type == SLASH) && MULTIPLY >= precedence) {
        outer = new ChaosParser.MultiplyExprContext(new ChaosParser.ExprContext(parent, NO_STATE));
        right = MULTIPLY + 1;
      } else if ((type == PLUS || type == MINUS) && ADD >= precedence) {
        outer = new ChaosParser.AddExprContext(new ChaosParser.ExprContext(parent, NO_STATE));
        right = ADD + 1;
      } else if (type >= EQ && type <= GT && COMPARE >= precedence) {
        outer = new ChaosParser.CompareExprContext(new ChaosParser.ExprContext(parent, NO_STATE));
        right = COMPARE + 1;
      } else if ((type == AND || type == AMP_AMP) && CONJUNCTION >= precedence) {
        outer = new ChaosParser.AndExprContext(new ChaosParser.ExprContext(parent, NO_STATE));
        right = CONJUNCTION + 1;
      } else if ((type == OR || type == PIPE_PIPE) && DISJUNCTION >= precedence) {
        outer = new ChaosParser.OrExprContext(new ChaosParser.ExprContext(parent, NO_STATE));
        right = DISJUNCTION + 1;
      } else {
        break;
      }
      // as ANTLR's pushNewRecursionContext
      ctx.parent = outer;
      ctx.stop = previous();
      outer.start = ctx.start;
      outer.addChild(ctx);
      if (right == POSTFIX) {
        postfix(outer);
      } else {
        setOperator(outer, consume(outer));
        expr(outer, right);
      }
      ctx = outer;
    }
    // as ANTLR's unrollRecursionContexts
    ctx.stop = previous();
    ctx.parent = parent;
    parent.addChild(ctx);
    return ctx;
  }

  private static void setOperator(ChaosParser.ExprContext ctx, Token op) {
    if (ctx instanceof ChaosParser.MultiplyExprContext multiply) {
      multiply.op = op;
    } else if (ctx instanceof ChaosParser.AddExprContext add) {
      add.op = op;
    } else if (ctx instanceof ChaosParser.CompareExprContext compare) {
      compare.op = op;
    } else if (ctx instanceof ChaosParser.AndExprContext and) {
      and.op = op;
    } else {
      ((ChaosParser.OrExprContext) ctx).op = op;
    }
  }

  private void postfix(ParserRuleContext parent) {
    ChaosParser.PostfixContext base = new ChaosParser.PostfixContext(parent, NO_STATE);
    switch (la()) {
      case DOT -> {
        var ctx = enter(parent, new ChaosParser.MemberSuffixContext(base));
        match(ctx, DOT);
        anyWord(ctx);
        exit(ctx);
      }
      case LPAREN -> {
        var ctx = enter(parent, new ChaosParser.CallSuffixContext(base));
        match(ctx, LPAREN);
        if (la() != RPAREN) {
          arg(ctx);
          while (la() == COMMA && la(2) != RPAREN) {
            match(ctx, COMMA);
            arg(ctx);
          }
          if (la() == COMMA) {
            match(ctx, COMMA);
          }
        }
        match(ctx, RPAREN);
        exit(ctx);
      }
      case LBRACK -> {
        var ctx = enter(parent, new ChaosParser.IndexSuffixContext(base));
        match(ctx, LBRACK);
        expr(ctx, 0);
        match(ctx, RBRACK);
        exit(ctx);
      }
      default -> throw GIVE_UP;
    }
  }

  private void arg(ParserRuleContext parent) {
    var ctx = enter(parent, new ChaosParser.ArgContext(parent, NO_STATE));
    if (Tokens.isWord(la()) && la(2) == COLON) {
      anyWord(ctx);
      match(ctx, COLON);
    }
    expr(ctx, 0);
    exit(ctx);
  }

  private void primary(ParserRuleContext parent) {
    ChaosParser.PrimaryContext base = new ChaosParser.PrimaryContext(parent, NO_STATE);
    switch (la()) {
      case LPAREN -> {
        var ctx = enter(parent, new ChaosParser.ParenExprContext(base));
        match(ctx, LPAREN);
        expr(ctx, 0);
        match(ctx, RPAREN);
        exit(ctx);
      }
      case LBRACK -> {
        var ctx = enter(parent, new ChaosParser.ListLiteralContext(base));
        match(ctx, LBRACK);
        if (la() != RBRACK) {
          expr(ctx, 0);
          while (la() == COMMA && la(2) != RBRACK) {
            match(ctx, COMMA);
            expr(ctx, 0);
          }
          if (la() == COMMA) {
            match(ctx, COMMA);
          }
        }
        match(ctx, RBRACK);
        exit(ctx);
      }
      case LBRACE -> {
        var ctx = enter(parent, new ChaosParser.RecordLiteralContext(base));
        match(ctx, LBRACE);
        if (Tokens.isWord(la())) {
          field(ctx);
          while (la() == COMMA && la(2) != RBRACE) {
            match(ctx, COMMA);
            field(ctx);
          }
          if (la() == COMMA) {
            match(ctx, COMMA);
          }
        }
        match(ctx, RBRACE);
        exit(ctx);
      }
      default -> {
        var ctx = enter(parent, new ChaosParser.AtomPrimaryContext(base));
        atom(ctx);
        exit(ctx);
      }
    }
  }

  private void atom(ParserRuleContext parent) {
    ChaosParser.AtomContext base = new ChaosParser.AtomContext(parent, NO_STATE);
    int type = la();
    ChaosParser.AtomContext ctx;
    switch (type) {
      case INT -> ctx = new ChaosParser.IntLiteralContext(base);
      case FLOAT -> ctx = new ChaosParser.FloatLiteralContext(base);
      case DURATION -> ctx = new ChaosParser.DurationLiteralContext(base);
      case PERCENT -> ctx = new ChaosParser.PercentLiteralContext(base);
      case TIME_OF_DAY -> ctx = new ChaosParser.TimeOfDayLiteralContext(base);
      case GLUED_NUMBER -> ctx = new ChaosParser.GluedNumberLiteralContext(base);
      case TRUE, FALSE -> {
        var bool = enter(parent, new ChaosParser.BoolLiteralContext(base));
        bool.value = consume(bool);
        exit(bool);
        return;
      }
      case STR_OPEN, TEXT_OPEN -> {
        var string = enter(parent, new ChaosParser.StringLiteralContext(base));
        string(string);
        exit(string);
        return;
      }
      case RUNBOOK -> {
        operandHere();
        ctx = new ChaosParser.RunbookRefContext(base);
      }
      default -> {
        if (!Tokens.isName(type)) {
          throw GIVE_UP;
        }
        operandHere();
        var ref = enter(parent, new ChaosParser.NameRefContext(base));
        name(ref);
        exit(ref);
        return;
      }
    }
    enter(parent, ctx);
    consume(ctx);
    exit(ctx);
  }

  /** The grammar's predicate {@code operandHere()}: a word that begins a section is none. */
  private void operandHere() {
    if (sectionStarts.get(token().getTokenIndex())) {
      throw GIVE_UP;
    }
  }

  private void field(ParserRuleContext parent) {
    var ctx = enter(parent, new ChaosParser.FieldContext(parent, NO_STATE));
    anyWord(ctx);
    match(ctx, COLON);
    expr(ctx, 0);
    exit(ctx);
  }

  private ChaosParser.StringContext string(ParserRuleContext parent) {
    ChaosParser.StringContext base = new ChaosParser.StringContext(parent, NO_STATE);
    switch (la()) {
      case STR_OPEN -> {
        var ctx = enter(parent, new ChaosParser.QuotedStringContext(base));
        match(ctx, STR_OPEN);
        while (la() == STR_TEXT || la() == STR_ESCAPE || la() == INTERP_OPEN) {
          stringPart(ctx);
        }
        match(ctx, STR_CLOSE);
        return exit(ctx);
      }
      case TEXT_OPEN -> {
        var ctx = enter(parent, new ChaosParser.TextBlockContext(base));
        match(ctx, TEXT_OPEN);
        while (la() == TEXT_CHARS || la() == TEXT_DOLLAR_ESCAPE || la() == INTERP_OPEN) {
          textPart(ctx);
        }
        match(ctx, TEXT_CLOSE);
        return exit(ctx);
      }
      default -> throw GIVE_UP;
    }
  }

  private void stringPart(ParserRuleContext parent) {
    ChaosParser.StringPartContext base = new ChaosParser.StringPartContext(parent, NO_STATE);
    ChaosParser.StringPartContext ctx = switch (la()) {
      case STR_TEXT -> new ChaosParser.StringTextContext(base);
      case STR_ESCAPE -> new ChaosParser.StringEscapeContext(base);
      default -> new ChaosParser.StringInterpolationContext(base);
    };
    part(parent, ctx);
  }

  private void textPart(ParserRuleContext parent) {
    ChaosParser.TextPartContext base = new ChaosParser.TextPartContext(parent, NO_STATE);
    ChaosParser.TextPartContext ctx = switch (la()) {
      case TEXT_CHARS -> new ChaosParser.TextCharsContext(base);
      case TEXT_DOLLAR_ESCAPE -> new ChaosParser.TextDollarEscapeContext(base);
      default -> new ChaosParser.TextInterpolationContext(base);
    };
    part(parent, ctx);
  }

  /** A part of a string or text block, already typed by its first token: text or `${...}`. */
  private void part(ParserRuleContext parent, ParserRuleContext ctx) {
    enter(parent, ctx);
    if (la() == INTERP_OPEN) {
      interpolation(ctx);
    } else {
      consume(ctx);
    }
    exit(ctx);
  }

  private void interpolation(ParserRuleContext parent) {
    var ctx = enter(parent, new ChaosParser.InterpolationContext(parent, NO_STATE));
    match(ctx, INTERP_OPEN);
    expr(ctx, 0);
    match(ctx, RBRACE);
    exit(ctx);
  }

  private ChaosParser.NameContext name(ParserRuleContext parent) {
    if (!Tokens.isName(la())) {
      throw GIVE_UP;
    }
    var ctx = enter(parent, new ChaosParser.NameContext(parent, NO_STATE));
    consume(ctx);
    return exit(ctx);
  }

  private void anyWord(ParserRuleContext parent) {
    ChaosParser.AnyWordContext base = new ChaosParser.AnyWordContext(parent, NO_STATE);
    if (Tokens.isName(la())) {
      var ctx = enter(parent, new ChaosParser.PlainWordContext(base));
      name(ctx);
      exit(ctx);
    } else if (Tokens.has(Tokens.RESERVED, la())) {
      var ctx = enter(parent, new ChaosParser.ReservedWordContext(base));
      consume(ctx);
      exit(ctx);
    } else {
      throw GIVE_UP;
    }
  }

  private static boolean isStringStart(int type) {
    return type == STR_OPEN || type == TEXT_OPEN;
  }

  // What ANTLR's enterRule, exitRule, match and consume do to the tree.

  private <T extends ParserRuleContext> T enter(ParserRuleContext parent, T ctx) {
    ctx.start = token();
    parent.addChild(ctx);
    return ctx;
  }

  private <T extends ParserRuleContext> T exit(T ctx) {
    ctx.stop = previous();
    return ctx;
  }

  private void match(ParserRuleContext ctx, int type) {
    if (la() != type) {
      throw GIVE_UP;
    }
    consume(ctx);
  }

  private Token consume(ParserRuleContext ctx) {
    Token t = token();
    if (t.getType() != EOF) {
      next++;
    }
    ctx.addChild(new TerminalNodeImpl(t));
    return t;
  }

  private Token token() {
    return tokens.get(next);
  }

  /** The last token consumed (ANTLR's LT(-1)). */
  private Token previous() {
    return next == 0 ? null : tokens.get(next - 1);
  }

  private int la() {
    return tokens.get(next).getType();
  }

  private int la(int k) {
    int i = next + k - 1;
    return i < tokens.size() ? tokens.get(i).getType() : EOF;
  }
}
