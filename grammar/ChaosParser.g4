// The syntax of a `.chaos` file. Statements need no separator: that stays unambiguous because
// an expression statement never starts with `(`, `[` or `-`, the only tokens that can both
// start an expression and continue one, so nothing that starts a statement can continue the
// previous expression (such a line continues it, and the checker warns, CH0604).
//
// A few required parts are optional here (`every` of a guard or an observe, a section's label,
// the value of `timeout` and `retry`) so that leaving one out gives one clear message from the
// AST builder rather than a syntax error cascade; `step "s" timeout { ... }` reads the block as
// the body, since no record is a timeout.
parser grammar ChaosParser;

options { tokenVocab = ChaosLexer; }

@header { package dev.chaos.syntax.grammar; }

@members {
  /**
   * Token indexes of words that begin a line as only a section or a declaration can
   * (`step "..."`, `runbook "..."`): never an operand, so an expression left open at the end
   * of the line before (`let x = a +`) ends there rather than taking the word.
   */
  public java.util.BitSet sectionStarts = new java.util.BitSet();

  private boolean operandHere() {
    return !sectionStarts.get(_input.LT(1).getTokenIndex());
  }
}

program: decl* EOF;

decl
  : IMPORT path=string (AS alias=name)?                                  # importDecl
  | LET name ASSIGN expr                                                 # letDecl
  | FN name LPAREN params? RPAREN ARROW typeRef ASSIGN expr              # fnDecl
  | ACTION name LPAREN params? RPAREN block                              # actionDecl
  | RUNBOOK label=string LBRACE member* RBRACE                           # runbookDecl
  ;

params: param (COMMA param)* COMMA?;

param: name COLON typeRef (ASSIGN expr)?;

typeRef: name (LBRACK typeRef (COMMA typeRef)* RBRACK)?;

member
  : attributeKey expr                                                    # attributeMember
  | WINDOW from=expr TO to=expr (ZONE zone=expr)?                        # windowMember
  | SCHEDULE cron=expr (ZONE zone=expr)?                                 # scheduleMember
  | LET name ASSIGN expr                                                 # letMember
  | PRECONDITION label=string? block                                     # preconditionMember
  | OBSERVE name ASSIGN value=expr (EVERY every=expr)?                   # observeMember
  | GUARD label=string? (EVERY every=expr)? (EXTEND extend=expr)? block  # guardMember
  | STEP label=string? stepOption* body=block (UNDO undo=block)?         # stepMember
  | VERIFY label=string? THROUGHOUT? block                               # verifyMember
  | ROLLBACK block                                                       # rollbackMember
  | RECOVERY WITHIN within=expr (EVERY every=expr)? block                # recoveryMember
  | ON ABORT block                                                       # onAbortMember
  ;

attributeKey: (TITLE | OBJECTIVE | ENVIRONMENT | BLAST_RADIUS | MAX_DURATION | OWNER | TAGS | LOCK
  | ESCALATION_POLICY);

stepOption
  : TIMEOUT expr?                                                        # timeoutOption
  | RETRY expr?                                                          # retryOption
  | IRREVERSIBLE                                                         # irreversibleOption
  ;

block: LBRACE stmt* RBRACE;

stmt
  : LET name ASSIGN expr                                                 # letStmt
  | EXPECT condition=expr (ELSE message=expr)?                           # expectStmt
  | WAIT UNTIL condition=expr (EVERY every=expr)? (WITHIN within=expr)?  # waitUntilStmt
  | WAIT duration=expr                                                   # waitStmt
  | IF expr block (ELSE IF expr block)* (ELSE elseBlock=block)?          # ifStmt
  | FOR name IN expr block                                               # forStmt
  | RECORD name ASSIGN expr                                              # recordStmt
  | LOG expr                                                             # logStmt
  | FAIL expr                                                            # failStmt
  // A guard's levels: `warn when` degrades (notify, observe longer), `abort when` aborts. The
  // condition says what is wrong, as an alert rule does; `expect` keeps saying what must hold.
  | level=(WARN | ABORT) WHEN condition=expr                             # levelStmt
  // Any expression that does not start with `(`, `[` or `-` (see the top); the checker allows
  // only calls (CH0404). A leading `not` or first operand is parsed apart, and the AST builder
  // re-associates it with the rest, which `expr` parsed with the usual precedence. An assignment
  // (`x = 1`) is no statement of the language; it parses so that the AST builder can say so
  // once, with its fix, rather than the parser twice.
  | ( prefix+=(NOT | BANG)+ operand=expr
    | atom postfix*
      (op=(STAR | SLASH | PLUS | MINUS | EQ | NE | LT | LE | GT | GE | AND | AMP_AMP | OR | PIPE_PIPE)
       rest=expr)?
    )
    (ASSIGN value=expr)?                                                 # exprStmt
  ;

// Loosest last: ANTLR gives earlier alternatives of a left-recursive rule higher precedence.
expr
  : primary                                                              # primaryExpr
  | expr postfix                                                         # postfixExpr
  | MINUS expr                                                           # negateExpr
  | expr op=(STAR | SLASH) expr                                          # multiplyExpr
  | expr op=(PLUS | MINUS) expr                                          # addExpr
  | expr op=(EQ | NE | LT | LE | GT | GE) expr                           # compareExpr
  | op=(NOT | BANG) expr                                                 # notExpr
  | expr op=(AND | AMP_AMP) expr                                         # andExpr
  | expr op=(OR | PIPE_PIPE) expr                                        # orExpr
  ;

postfix
  : DOT anyWord                                                          # memberSuffix
  | LPAREN (arg (COMMA arg)* COMMA?)? RPAREN                             # callSuffix
  | LBRACK expr RBRACK                                                   # indexSuffix
  ;

arg: (anyWord COLON)? expr;

primary
  : atom                                                                 # atomPrimary
  | LPAREN expr RPAREN                                                   # parenExpr
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                           # listLiteral
  | LBRACE (field (COMMA field)* COMMA?)? RBRACE                         # recordLiteral
  ;

// An operand that is not bracketed: what an expression statement may start with. A `{` at the
// start of a statement is more likely a stray block than a record, so it is not one of them.
atom
  : INT                                                                  # intLiteral
  | FLOAT                                                                # floatLiteral
  | DURATION                                                             # durationLiteral
  | PERCENT                                                              # percentLiteral
  | TIME_OF_DAY                                                          # timeOfDayLiteral
  | GLUED_NUMBER                                                         # gluedNumberLiteral
  | value=(TRUE | FALSE)                                                 # boolLiteral
  | string                                                               # stringLiteral
  | {operandHere()}? name                                                # nameRef
  | {operandHere()}? RUNBOOK                                             # runbookRef
  ;

field: anyWord COLON expr;

string
  : STR_OPEN stringPart* STR_CLOSE                                       # quotedString
  | TEXT_OPEN textPart* TEXT_CLOSE                                       # textBlock
  ;

stringPart
  : STR_TEXT                                                             # stringText
  | STR_ESCAPE                                                           # stringEscape
  | interpolation                                                        # stringInterpolation
  ;

textPart
  : TEXT_CHARS                                                           # textChars
  | TEXT_DOLLAR_ESCAPE                                                   # textDollarEscape
  | interpolation                                                        # textInterpolation
  ;

interpolation: INTERP_OPEN expr RBRACE;

name
  : (IDENT | TITLE | OBJECTIVE | ENVIRONMENT | BLAST_RADIUS | WINDOW | MAX_DURATION | OWNER
    | TAGS | LOCK | PRECONDITION | OBSERVE | GUARD | STEP | VERIFY | ROLLBACK | RECOVERY | ON
    | ABORT | TIMEOUT | RETRY | IRREVERSIBLE | THROUGHOUT | UNDO | TO | ZONE | AS | WARN | WHEN
    | EXTEND | ESCALATION_POLICY | SCHEDULE)
  ;

// After `.`, before `:` in named arguments and as record keys, any word is a name.
anyWord
  : name                                                                 # plainWord
  | (IMPORT | FN | ACTION | RUNBOOK | LET | EXPECT | WAIT | UNTIL | EVERY | WITHIN | ELSE
    | IF | FOR | IN | RECORD | LOG | FAIL | TRUE | FALSE | AND | OR | NOT)  # reservedWord
  ;
