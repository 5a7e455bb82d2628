// The tokens of a `.chaos` file. Strings and text blocks have their own modes so that
// `${...}` can hold any expression, records included: every `{` pushes the default mode and
// every `}` pops, so the `}` that closes an interpolation returns to the string it came from.
lexer grammar ChaosLexer;

channels { ERRORS }

tokens { INTERP_OPEN }

@members {
  /** A stray `}` must not pop below the outermost mode (ANTLR would throw). */
  @Override
  public int popMode() {
    return _modeStack.isEmpty() ? DEFAULT_MODE : super.popMode();
  }
}

// Reserved words: never names, except after `.`, before `:` and as record keys.
IMPORT: 'import';
FN: 'fn';
ACTION: 'action';
RUNBOOK: 'runbook';
LET: 'let';
EXPECT: 'expect';
WAIT: 'wait';
UNTIL: 'until';
EVERY: 'every';
WITHIN: 'within';
ELSE: 'else';
IF: 'if';
FOR: 'for';
IN: 'in';
RECORD: 'record';
LOG: 'log';
FAIL: 'fail';
TRUE: 'true';
FALSE: 'false';
AND: 'and';
OR: 'or';
NOT: 'not';

// Contextual keywords: keywords where the grammar expects them, names everywhere else.
TITLE: 'title';
OBJECTIVE: 'objective';
ENVIRONMENT: 'environment';
BLAST_RADIUS: 'blast_radius';
WINDOW: 'window';
MAX_DURATION: 'max_duration';
OWNER: 'owner';
TAGS: 'tags';
LOCK: 'lock';
PRECONDITION: 'precondition';
OBSERVE: 'observe';
GUARD: 'guard';
STEP: 'step';
VERIFY: 'verify';
ROLLBACK: 'rollback';
RECOVERY: 'recovery';
ON: 'on';
ABORT: 'abort';
TIMEOUT: 'timeout';
RETRY: 'retry';
IRREVERSIBLE: 'irreversible';
THROUGHOUT: 'throughout';
UNDO: 'undo';
TO: 'to';
ZONE: 'zone';
AS: 'as';

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
LINE_COMMENT: '//' ~[\r\n]* -> skip;
BLOCK_COMMENT: '/*' .*? '*/' -> skip;
// Shorter than BLOCK_COMMENT whenever a `*/` exists, so it only wins when there is none.
UNTERMINATED_COMMENT: '/*' (~'*' | '*'+ ~[*/])* '*'* -> channel(ERRORS);

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
