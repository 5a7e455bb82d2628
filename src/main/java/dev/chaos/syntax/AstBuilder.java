package dev.chaos.syntax;

import static dev.chaos.syntax.grammar.ChaosParser.*;

import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Ident;
import dev.chaos.syntax.ast.Label;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.ParamDecl;
import dev.chaos.syntax.ast.Program;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.syntax.ast.TypeRef;
import dev.chaos.syntax.grammar.ChaosParserBaseVisitor;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns the parse tree into AST records. The tree may be broken where the parser recovered:
 * a missing expression becomes {@link Expr.Error}, a missing name an empty {@link Ident}, a
 * missing block an empty one, and a construct the parser could not even start is left out.
 */
final class AstBuilder extends ChaosParserBaseVisitor<Object> {
  private final Spans spans;
  private final List<Diagnostic> out;
  private final ExprBuilder exprs;
  private final StringLiterals strings;

  AstBuilder(Spans spans, List<Diagnostic> out) {
    this.spans = spans;
    this.out = out;
    this.exprs = new ExprBuilder(spans, out);
    this.strings = new StringLiterals(spans, out, exprs);
  }

  Program program(ProgramContext ctx) {
    List<Program.Import> imports = new ArrayList<>();
    List<Decl> decls = new ArrayList<>();
    for (DeclContext decl : ctx.decl()) {
      Object built = decl.accept(this);
      if (built instanceof Program.Import) {
        imports.add((Program.Import) built);
      } else if (built instanceof Decl) {
        decls.add((Decl) built);
      }
    }
    return new Program(spans.whole(), spans.file(), imports, decls);
  }

  // ---- declarations

  @Override
  public Object visitImportDecl(ImportDeclContext ctx) {
    Label path = strings.label(ctx.path, spans.after(ctx.IMPORT().getSymbol()));
    Ident alias = ctx.AS() == null ? null : ident(ctx.alias, ctx.AS().getSymbol());
    return new Program.Import(spans.of(ctx), path, alias);
  }

  @Override
  public Object visitLetDecl(LetDeclContext ctx) {
    return new Decl.Let(spans.of(ctx), ident(ctx.name(), ctx.LET().getSymbol()), value(ctx.expr(), ctx));
  }

  @Override
  public Object visitFnDecl(FnDeclContext ctx) {
    Span end = spans.after(ctx.getStop());
    TypeRef result = ctx.typeRef() == null ? new TypeRef(end, "", List.of()) : typeRef(ctx.typeRef());
    return new Decl.Fn(spans.of(ctx), ident(ctx.name(), ctx.FN().getSymbol()), params(ctx.params()),
        result, value(ctx.expr(), ctx));
  }

  @Override
  public Object visitActionDecl(ActionDeclContext ctx) {
    return new Decl.Action(spans.of(ctx), ident(ctx.name(), ctx.ACTION().getSymbol()),
        params(ctx.params()), block(ctx.block(), ctx));
  }

  @Override
  public Object visitRunbookDecl(RunbookDeclContext ctx) {
    List<Member> members = new ArrayList<>();
    for (MemberContext member : ctx.member()) {
      Object built = member.accept(this);
      if (built instanceof Member) {
        members.add((Member) built);
      }
    }
    return new Decl.Runbook(spans.of(ctx), strings.label(ctx.label, spans.after(ctx.RUNBOOK().getSymbol())), members);
  }

  private List<ParamDecl> params(ParamsContext ctx) {
    List<ParamDecl> params = new ArrayList<>();
    if (ctx != null) {
      for (ParamContext param : ctx.param()) {
        Token start = param.getStart();
        TypeRef type = param.typeRef() == null ? new TypeRef(spans.after(param.getStop()), "", List.of())
            : typeRef(param.typeRef());
        Expr defaultValue = param.ASSIGN() == null ? null
            : exprs.expr(param.expr(), spans.after(param.ASSIGN().getSymbol()));
        params.add(new ParamDecl(spans.of(param), ident(param.name(), start), type, defaultValue));
      }
    }
    return params;
  }

  /** Recursion follows `[`, which the nesting limit bounds. */
  private TypeRef typeRef(TypeRefContext ctx) {
    List<TypeRef> args = new ArrayList<>();
    for (TypeRefContext arg : ctx.typeRef()) {
      args.add(typeRef(arg));
    }
    String name = ctx.name() == null ? "" : ctx.name().getText();
    return new TypeRef(spans.of(ctx), name, args);
  }

  // ---- runbook members

  @Override
  public Object visitAttributeMember(AttributeMemberContext ctx) {
    Token key = ctx.attributeKey().getStart();
    // The keyword's own spelling: a misspelled one (`titel`) was re-typed after being reported.
    Ident name = new Ident(spans.of(key), Tokens.literal(key.getType()));
    return new Member.Attribute(spans.of(ctx), name, value(ctx.expr(), ctx));
  }

  @Override
  public Object visitWindowMember(WindowMemberContext ctx) {
    Expr from = value(ctx.from, ctx.WINDOW().getSymbol());
    Expr to = ctx.TO() == null ? new Expr.Error(spans.after(ctx.getStop())) : value(ctx.to, ctx.TO().getSymbol());
    Expr zone = ctx.ZONE() == null ? null : value(ctx.zone, ctx.ZONE().getSymbol());
    return new Member.Window(spans.of(ctx), from, to, zone);
  }

  @Override
  public Object visitScheduleMember(ScheduleMemberContext ctx) {
    Expr cron = value(ctx.cron, ctx.SCHEDULE().getSymbol());
    Expr zone = ctx.ZONE() == null ? null : value(ctx.zone, ctx.ZONE().getSymbol());
    return new Member.Schedule(spans.of(ctx), cron, zone);
  }

  @Override
  public Object visitLetMember(LetMemberContext ctx) {
    return new Member.Let(spans.of(ctx), ident(ctx.name(), ctx.LET().getSymbol()), value(ctx.expr(), ctx));
  }

  @Override
  public Object visitPreconditionMember(PreconditionMemberContext ctx) {
    return new Member.Precondition(spans.of(ctx), sectionLabel(ctx, ctx.label, ctx.PRECONDITION(), "precondition \"name\" { ... }"), block(ctx.block(), ctx));
  }

  @Override
  public Object visitObserveMember(ObserveMemberContext ctx) {
    Expr every = ctx.EVERY() == null ? missingInterval("observe", spans.of(ctx.OBSERVE().getSymbol()), "observe x = f() every 5s")
        : value(ctx.every, ctx.EVERY().getSymbol());
    return new Member.Observe(spans.of(ctx), ident(ctx.name(), ctx.OBSERVE().getSymbol()),
        value(ctx.value, ctx), every);
  }

  @Override
  public Object visitGuardMember(GuardMemberContext ctx) {
    Label label = sectionLabel(ctx, ctx.label, ctx.GUARD(), "guard \"name\" every 5s { ... }");
    Expr every = ctx.EVERY() == null
        ? missingInterval("guard", label.span().end() > label.span().start() ? label.span() : spans.of(ctx.GUARD().getSymbol()),
            "guard \"name\" every 5s { ... }")
        : value(ctx.every, ctx.EVERY().getSymbol());
    Expr extend = ctx.EXTEND() == null ? null : value(ctx.extend, ctx.EXTEND().getSymbol());
    return new Member.Guard(spans.of(ctx), label, every, extend, block(ctx.block(), ctx));
  }

  @Override
  public Object visitStepMember(StepMemberContext ctx) {
    Expr timeout = null;
    Expr retry = null;
    boolean irreversible = false;
    for (StepOptionContext option : ctx.stepOption()) {
      Token keyword = option.getStart();
      boolean repeated;
      if (option instanceof TimeoutOptionContext) {
        repeated = timeout != null;
        timeout = optionValue(((TimeoutOptionContext) option).expr(), keyword, "a duration", "timeout 5m");
      } else if (option instanceof RetryOptionContext) {
        repeated = retry != null;
        retry = optionValue(((RetryOptionContext) option).expr(), keyword, "a number of attempts", "retry 3");
      } else {
        repeated = irreversible;
        irreversible = true;
      }
      if (repeated) {
        out.add(Diagnostic.of(Code.CH0010, spans.of(keyword), "`" + Tokens.literal(keyword.getType()) + "` is given twice")
            .withLabel("repeated here")
            .withHelp("keep one of them"));
      }
    }
    Block undo = ctx.UNDO() == null ? null : block(ctx.undo, ctx.UNDO().getSymbol());
    return new Member.Step(spans.of(ctx), sectionLabel(ctx, ctx.label, ctx.STEP(), "step \"name\" { ... }"), timeout, retry, irreversible,
        block(ctx.body, ctx), undo);
  }

  @Override
  public Object visitVerifyMember(VerifyMemberContext ctx) {
    return new Member.Verify(spans.of(ctx), sectionLabel(ctx, ctx.label, ctx.VERIFY(), "verify \"name\" { ... }"), ctx.THROUGHOUT() != null,
        block(ctx.block(), ctx));
  }

  @Override
  public Object visitRollbackMember(RollbackMemberContext ctx) {
    return new Member.Rollback(spans.of(ctx), block(ctx.block(), ctx));
  }

  @Override
  public Object visitRecoveryMember(RecoveryMemberContext ctx) {
    Expr within = ctx.WITHIN() == null ? new Expr.Error(spans.after(ctx.getStart()))
        : value(ctx.within, ctx.WITHIN().getSymbol());
    Expr every = ctx.EVERY() == null ? null : value(ctx.every, ctx.EVERY().getSymbol());
    return new Member.Recovery(spans.of(ctx), within, every, block(ctx.block(), ctx));
  }

  @Override
  public Object visitOnAbortMember(OnAbortMemberContext ctx) {
    return new Member.OnAbort(spans.of(ctx), block(ctx.block(), ctx));
  }

  // ---- blocks and statements

  private Block block(BlockContext ctx, ParserRuleContext owner) {
    return block(ctx, owner.getStop());
  }

  /** Recursion follows `{`, which the nesting limit bounds. */
  private Block block(BlockContext ctx, Token missingAfter) {
    if (ctx == null || ctx.LBRACE() == null) {
      return new Block(missingAfter == null ? spans.at(0) : spans.after(missingAfter), List.of());
    }
    List<Stmt> statements = new ArrayList<>();
    for (StmtContext stmt : ctx.stmt()) {
      Object built = stmt.accept(this);
      if (built instanceof Stmt) {
        statements.add((Stmt) built);
      }
    }
    return new Block(spans.of(ctx), statements);
  }

  @Override
  public Object visitLetStmt(LetStmtContext ctx) {
    return new Stmt.Let(spans.of(ctx), ident(ctx.name(), ctx.LET().getSymbol()), value(ctx.expr(), ctx));
  }

  @Override
  public Object visitExpectStmt(ExpectStmtContext ctx) {
    Expr message = ctx.ELSE() == null ? null : value(ctx.message, ctx.ELSE().getSymbol());
    return new Stmt.Expect(spans.of(ctx), value(ctx.condition, ctx.EXPECT().getSymbol()), message);
  }

  @Override
  public Object visitLevelStmt(LevelStmtContext ctx) {
    Stmt.Severity severity = ctx.level.getType() == WARN ? Stmt.Severity.WARN
        : Stmt.Severity.ABORT;
    return new Stmt.Level(spans.of(ctx), severity, value(ctx.condition, ctx.WHEN().getSymbol()));
  }

  @Override
  public Object visitWaitStmt(WaitStmtContext ctx) {
    return new Stmt.Wait(spans.of(ctx), value(ctx.duration, ctx.WAIT().getSymbol()));
  }

  @Override
  public Object visitWaitUntilStmt(WaitUntilStmtContext ctx) {
    Expr every = ctx.EVERY() == null ? null : value(ctx.every, ctx.EVERY().getSymbol());
    Expr within = ctx.WITHIN() == null ? null : value(ctx.within, ctx.WITHIN().getSymbol());
    return new Stmt.WaitUntil(spans.of(ctx), value(ctx.condition, ctx.UNTIL().getSymbol()), every, within);
  }

  @Override
  public Object visitIfStmt(IfStmtContext ctx) {
    List<BlockContext> bodies = new ArrayList<>(ctx.block());
    bodies.remove(ctx.elseBlock);
    // each of ctx.IF(), ctx.IF(i) and ctx.expr(i) walks all the children: taken once, not
    // per branch (a chain of 2,000 `else if` took 1.3 s, 4 times as long at twice the length)
    List<TerminalNode> keywords = ctx.IF();
    List<ExprContext> conditions = ctx.expr();
    List<Stmt.Branch> branches = new ArrayList<>();
    for (int i = 0; i < keywords.size(); i++) {
      Token keyword = keywords.get(i).getSymbol();
      Expr condition = value(i < conditions.size() ? conditions.get(i) : null, keyword);
      Block body = block(i < bodies.size() ? bodies.get(i) : null, ctx.getStop());
      Span span = body.span().end() > spans.start(keyword)
          ? spans.of(keyword).to(body.span()) : spans.of(keyword);
      branches.add(new Stmt.Branch(span, condition, body));
    }
    Block orElse = ctx.elseBlock == null ? null : block(ctx.elseBlock, ctx.getStop());
    return new Stmt.If(spans.of(ctx), branches, orElse);
  }

  @Override
  public Object visitForStmt(ForStmtContext ctx) {
    Expr iterable = ctx.IN() == null ? new Expr.Error(spans.after(ctx.getStop()))
        : value(ctx.expr(), ctx.IN().getSymbol());
    return new Stmt.For(spans.of(ctx), ident(ctx.name(), ctx.FOR().getSymbol()), iterable, block(ctx.block(), ctx));
  }

  @Override
  public Object visitRecordStmt(RecordStmtContext ctx) {
    return new Stmt.Record(spans.of(ctx), ident(ctx.name(), ctx.RECORD().getSymbol()), value(ctx.expr(), ctx));
  }

  @Override
  public Object visitLogStmt(LogStmtContext ctx) {
    return new Stmt.Log(spans.of(ctx), value(ctx.expr(), ctx.LOG().getSymbol()));
  }

  @Override
  public Object visitFailStmt(FailStmtContext ctx) {
    return new Stmt.Fail(spans.of(ctx), value(ctx.expr(), ctx.FAIL().getSymbol()));
  }

  @Override
  public Object visitExprStmt(ExprStmtContext ctx) {
    Expr expr = exprs.statement(ctx);
    if (ctx.ASSIGN() == null) {
      return new Stmt.ExprStmt(spans.of(ctx), expr);
    }
    // `x = 1`: one message with both likely intents; the line is then left alone
    Expr value = value(ctx.value, ctx.ASSIGN().getSymbol());
    out.add(Assignments.diagnostic(ctx, expr, value, spans.of(ctx.ASSIGN().getSymbol())));
    return new Stmt.ExprStmt(spans.of(ctx), new Expr.Error(spans.of(ctx)));
  }

  // ---- small parts

  /** A guard or observe without `every`: one message here instead of a syntax error cascade. */
  private Expr missingInterval(String section, Span at, String example) {
    out.add(Diagnostic.of(Code.CH0010, at, "missing `every` in " + section)
        .withLabel("needs a sampling interval")
        .withHelp("add one, as in `" + example + "`"));
    return new Expr.Error(at);
  }

  /**
   * A section's label, or one message when it is left out (`guard every 5s {`): the grammar
   * lets it be missing so that the section still parses. An error the parser reported inside
   * the header already explains a missing label.
   */
  private Label sectionLabel(ParserRuleContext section, StringContext ctx, TerminalNode keyword, String example) {
    Label label = label(ctx, keyword);
    ParseTree after = section.getChildCount() > 1 ? section.getChild(1) : null;
    if (ctx == null && after != null && !(after instanceof ErrorNode) && section.exception == null) {
      String word = keyword.getText();
      out.add(Diagnostic.of(Code.CH0010, spans.of(keyword.getSymbol()), "missing the name of this " + word)
          .withLabel("a " + word + " needs a name in quotes")
          .withHelp("add one, as in `" + example + "`"));
    }
    return label;
  }

  /** The value of `timeout` or `retry`; one message when it is left out. */
  private Expr optionValue(ExprContext ctx, Token keyword, String what, String example) {
    if (ctx != null) {
      return value(ctx, keyword);
    }
    Span at = spans.of(keyword);
    out.add(Diagnostic.of(Code.CH0010, at, "missing the value of `" + keyword.getText() + "`")
        .withLabel("needs " + what)
        .withHelp("add one, as in `" + example + "`, or remove `" + keyword.getText() + "`"));
    return new Expr.Error(at);
  }

  /** An expression that follows {@code after}; an error node just past it when missing. */
  private Expr value(ExprContext ctx, Token after) {
    return exprs.expr(ctx, spans.after(after));
  }

  private Expr value(ExprContext ctx, ParserRuleContext owner) {
    return exprs.expr(ctx, spans.after(owner.getStop() == null ? owner.getStart() : owner.getStop()));
  }

  private Label label(StringContext ctx, TerminalNode keyword) {
    return strings.label(ctx, spans.after(keyword.getSymbol()));
  }

  /** The declared name; empty (the parser already reported) when missing. */
  private Ident ident(NameContext ctx, Token before) {
    if (ctx == null || ctx.getStart() == null || ctx.getChildCount() == 0) {
      return new Ident(spans.after(before), "");
    }
    ParseTree word = ctx.getChild(0);
    if (!(word instanceof TerminalNode) || word instanceof ErrorNode) {
      return new Ident(spans.after(before), "");
    }
    return new Ident(spans.of(ctx), word.getText());
  }
}
