// The tokens of a `.chaos` file. Strings and text blocks have their own modes so that
// `${...}` can hold any expression, records included: every `{` pushes the default mode and
// every `}` pops, so the `}` that closes an interpolation returns to the string it came from.
//
// This grammar is the specification of the tokens. At run time they come from the
// hand-written dev.chaos.syntax.ChaosTokenizer, which must agree with it token for token
// (the generated lexer's automaton costs tens of milliseconds at start-up); the differential
// test TokenizerAgreesWithGrammarTest enforces it. The generated lexer also gives the parser
// its token vocabulary. Change a rule here and in ChaosTokenizer together.
lexer grammar ChaosLexer;

// The package is set here rather than with the plugin's -package, which hides from the plugin
// that ChaosParser depends on this grammar's tokens (it would not regenerate the parser).
// Generated classes live apart from the hand-written facade dev.chaos.syntax.Parser.
@header { package dev.chaos.syntax.grammar; }

// COMMENTS: kept off the parser's channel so that `chaos fmt` can put every comment back.
channels { ERRORS, COMMENTS }

tokens {
  INTERP_OPEN,
  // Reserved words: never names, except after `.`, before `:` and as record keys.
  IMPORT, FN, ACTION, RUNBOOK, LET, EXPECT, WAIT, UNTIL, EVERY, WITHIN, ELSE, IF, FOR, IN,
  RECORD, LOG, FAIL, TRUE, FALSE, AND, OR, NOT,
  // Contextual keywords: keywords where the grammar expects them, names everywhere else.
  TITLE, OBJECTIVE, ENVIRONMENT, BLAST_RADIUS, WINDOW, MAX_DURATION, OWNER, TAGS, LOCK,
  PRECONDITION, OBSERVE, GUARD, STEP, VERIFY, ROLLBACK, RECOVERY, ON, ABORT, TIMEOUT, RETRY,
  IRREVERSIBLE, THROUGHOUT, UNDO, TO, ZONE, AS,
  // Incident response: guard levels, the observation a warning extends, the escalation policy.
  WARN, WHEN, EXTEND, ESCALATION_POLICY,
  // Scheduled runs: the cron line a CronJob of `chaos deploy` runs the runbook at.
  SCHEDULE
}

@members {
  /** A stray `}` must not pop below the outermost mode (ANTLR would throw). */
  @Override
  public int popMode() {
    return _modeStack.isEmpty() ? DEFAULT_MODE : super.popMode();
  }
}

// A word is an IDENT here; keywords are typed by spelling (the lowercase token name), by
// ChaosTokenizer and by the tests' KeywordLexer, which keeps this lexer's automaton small.
IDENT: [a-zA-Z_] [a-zA-Z_0-9]*;

// Numbers. On equal length the earlier rule wins, so `1m30s` is a DURATION; a number glued
// to anything else (`10min`, `1m30`) is one GLUED_NUMBER token, reported once.
DURATION: DURATION_PART+;
PERCENT: NUMBER '%';
TIME_OF_DAY: DIGITS ':' DIGITS;
FLOAT: DIGITS '.' DIGITS;
INT: DIGITS;
GLUED_NUMBER: NUMBER [a-zA-Z_] [a-zA-Z_0-9]*;

fragment DIGITS: [0-9]+;
fragment NUMBER: DIGITS ('.' DIGITS)?;
fragment DURATION_PART: NUMBER ('ms' | 's' | 'm' | 'h' | 'd');

ARROW: '->';
EQ: '==';
NE: '!=';
LE: '<=';
GE: '>=';
LT: '<';
GT: '>';
ASSIGN: '=';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
LPAREN: '(';
RPAREN: ')';
LBRACK: '[';
RBRACK: ']';
LBRACE: '{' -> pushMode(DEFAULT_MODE);
RBRACE: '}' -> popMode;
COMMA: ',';
DOT: '.';
COLON: ':';

// Operators of other languages: parsed like their chaos spelling, reported once with a fix.
AMP_AMP: '&&';
PIPE_PIPE: '||';
BANG: '!';

TEXT_OPEN: '"""' -> pushMode(TEXT_BLOCK);
STR_OPEN: '"' -> pushMode(STRING);

WS: [ \t\r\n\f]+ -> skip;
LINE_COMMENT: '//' ~[\r\n]* -> channel(COMMENTS);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(COMMENTS);
// Shorter than BLOCK_COMMENT whenever a `*/` exists, so it only wins when there is none.
UNTERMINATED_COMMENT: '/*' (~'*' | '*'+ ~[*/])* '*'* -> channel(ERRORS);

// Shell-style comments are a likely slip in runbooks: one diagnostic, and the line is skipped.
HASH_COMMENT: '#' ~[\r\n]* -> channel(ERRORS);

INVALID: . -> channel(ERRORS);

mode STRING;

STR_CLOSE: '"' -> popMode;
// A line break ends the string (reported once), so the next lines still lex as code.
STR_LINE_BREAK: ('\r'? '\n' | '\r') -> type(STR_CLOSE), popMode;
STR_TEXT: ~["\\$\r\n]+;
STR_ESCAPE: '\\' ~[\r\n];
STR_LONE_BACKSLASH: '\\' -> type(STR_ESCAPE);
STR_INTERP: '${' -> type(INTERP_OPEN), pushMode(DEFAULT_MODE);
STR_DOLLAR: '$' -> type(STR_TEXT);

mode TEXT_BLOCK;

TEXT_CLOSE: '"""' -> popMode;
TEXT_DOLLAR_ESCAPE: '$${';
TEXT_INTERP: '${' -> type(INTERP_OPEN), pushMode(DEFAULT_MODE);
TEXT_CHARS: ~["$]+;
TEXT_QUOTE: '"' -> type(TEXT_CHARS);
TEXT_DOLLAR: '$' -> type(TEXT_CHARS);
