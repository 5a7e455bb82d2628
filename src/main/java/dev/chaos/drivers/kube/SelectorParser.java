package dev.chaos.drivers.kube;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The label-selector grammar of apimachinery's `labels.Parse`, which kubectl and the API server
 * use: requirements separated by commas; a requirement is `key`, `!key`, `key op value` with
 * op one of `=`, `==`, `!=`, `>`, `<`, or `key in (v1,v2)` / `key notin (…)`. Whitespace
 * separates tokens and is otherwise ignored. As in Kubernetes, `key=` means the empty value and
 * `key in ()` the set holding only the empty value. Unlike Kubernetes, `!key=value` is refused
 * rather than read as `key=value`.
 */
final class SelectorParser {
  private enum Tok { IDENT, BANG, EQ, EQEQ, NEQ, GT, LT, LPAREN, RPAREN, COMMA, END }

  /** A token and the 0-based index where it starts. */
  private record Token(Tok tok, String text, int at) {
    String shown() {
      return tok == Tok.END ? "the end of the selector" : "`" + text + "`";
    }
  }

  private final String text;
  private final List<Token> tokens;
  private int next;

  SelectorParser(String text) {
    this.text = text;
    this.tokens = lex(text);
  }

  List<SelectorRequirement> requirements() {
    List<SelectorRequirement> out = new ArrayList<>();
    if (peek().tok == Tok.END) {
      return out;
    }
    while (true) {
      Token start = peek();
      if (start.tok != Tok.IDENT && start.tok != Tok.BANG) {
        throw error(start, "expected a label key or `!`, found " + start.shown());
      }
      out.add(requirement());
      Token after = take();
      if (after.tok == Tok.END) {
        return out;
      }
      if (after.tok != Tok.COMMA) {
        throw error(after, "expected `,` or the end of the selector, found " + after.shown());
      }
    }
  }

  private SelectorRequirement requirement() {
    Token first = take();
    boolean absent = first.tok == Tok.BANG;
    Token key = absent ? take() : first;
    if (key.tok != Tok.IDENT || isKeyword(key)) {
      throw error(key, "expected a label key, found " + key.shown());
    }
    String keyProblem = LabelSyntax.keyProblem(key.text);
    if (keyProblem != null) {
      throw error(key, "invalid label key `" + key.text + "`: " + keyProblem);
    }
    Token op = peek();
    if (op.tok == Tok.END || op.tok == Tok.COMMA) {
      return new SelectorRequirement(key.text,
          absent ? SelectorOperator.DOES_NOT_EXIST : SelectorOperator.EXISTS, List.of());
    }
    if (absent) {
      throw error(op, "`!` takes a bare label key (`!" + key.text + "`), found " + op.shown()
          + " after it");
    }
    take();
    SelectorOperator operator = operator(op);
    if (operator == null) {
      throw error(op, "expected an operator (`=`, `==`, `!=`, `in`, `notin`, `>`, `<`) after `"
          + key.text + "`, found " + op.shown());
    }
    List<String> values = operator == SelectorOperator.IN || operator == SelectorOperator.NOT_IN
        ? valueSet(op) : List.of(exactValue(key, op, operator));
    return new SelectorRequirement(key.text, operator, values);
  }

  private static SelectorOperator operator(Token op) {
    return switch (op.tok) {
      case EQ -> SelectorOperator.EQUALS;
      case EQEQ -> SelectorOperator.DOUBLE_EQUALS;
      case NEQ -> SelectorOperator.NOT_EQUALS;
      case GT -> SelectorOperator.GREATER_THAN;
      case LT -> SelectorOperator.LESS_THAN;
      case IDENT -> op.text.equals("in") ? SelectorOperator.IN
          : op.text.equals("notin") ? SelectorOperator.NOT_IN : null;
      default -> null;
    };
  }

  /** The value after `=`, `==`, `!=`, `>` or `<`; nothing before `,` or the end is "". */
  private String exactValue(Token key, Token op, SelectorOperator operator) {
    Token v = peek();
    boolean empty = v.tok == Tok.END || v.tok == Tok.COMMA;
    if (!empty) {
      take();
      if (v.tok != Tok.IDENT) {
        throw error(v, "expected a value after `" + op.text + "`, found " + v.shown());
      }
    }
    String value = empty ? "" : v.text;
    if (operator == SelectorOperator.GREATER_THAN || operator == SelectorOperator.LESS_THAN) {
      try {
        Long.parseLong(value);
      } catch (NumberFormatException notANumber) {
        throw error(v, "`" + op.text + "` needs a whole number, found "
            + (empty ? "nothing" : "`" + value + "`"));
      }
    }
    checkValue(key, v, value);
    return value;
  }

  /** `(v1, v2)` after `in` or `notin`; an empty place in the list is the empty value. */
  private List<String> valueSet(Token op) {
    Token open = take();
    if (open.tok != Tok.LPAREN) {
      throw error(open, "expected `(` after `" + op.text + "`, found " + open.shown());
    }
    Set<String> values = new LinkedHashSet<>();
    boolean wantValue = true;
    while (true) {
      Token t = take();
      switch (t.tok) {
        case IDENT -> {
          if (!wantValue) {
            throw error(t, "expected `,` or `)`, found " + t.shown());
          }
          checkValue(null, t, t.text);
          values.add(t.text);
          wantValue = false;
        }
        case COMMA -> {
          if (wantValue) {
            values.add("");
          }
          wantValue = true;
        }
        case RPAREN -> {
          if (wantValue) {
            values.add("");
          }
          return List.copyOf(values);
        }
        default -> throw error(t, "expected a value, `,` or `)`, found " + t.shown());
      }
    }
  }

  private void checkValue(Token key, Token at, String value) {
    String problem = LabelSyntax.valueProblem(value);
    if (problem != null) {
      throw error(at, "invalid label value" + (key == null ? "" : " for `" + key.text + "`")
          + ": " + problem);
    }
  }

  private static boolean isKeyword(Token t) {
    return t.text.equals("in") || t.text.equals("notin");
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.tok != Tok.END) {
      next++;
    }
    return t;
  }

  private KubeRuleException error(Token at, String what) {
    return new KubeRuleException("label selector `" + oneLine(text) + "`, column " + (at.at + 1)
        + ": " + what);
  }

  /** The selector on one line: control characters shown as escapes. */
  static String oneLine(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c)
            : String.valueOf(c));
      }
    }
    return out.toString();
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSpecial(char c) {
    return "=!(),<>".indexOf(c) >= 0;
  }

  private static List<Token> lex(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isWhitespace(c)) {
        i++;
        continue;
      }
      if (isSpecial(c)) {
        boolean pairedEq = i + 1 < text.length() && text.charAt(i + 1) == '=';
        Tok tok = switch (c) {
          case '=' -> pairedEq ? Tok.EQEQ : Tok.EQ;
          case '!' -> pairedEq ? Tok.NEQ : Tok.BANG;
          case '(' -> Tok.LPAREN;
          case ')' -> Tok.RPAREN;
          case ',' -> Tok.COMMA;
          case '<' -> Tok.LT;
          default -> Tok.GT;
        };
        int length = tok == Tok.EQEQ || tok == Tok.NEQ ? 2 : 1;
        out.add(new Token(tok, text.substring(i, i + length), i));
        i += length;
        continue;
      }
      int start = i;
      while (i < text.length() && !isWhitespace(text.charAt(i)) && !isSpecial(text.charAt(i))) {
        i++;
      }
      out.add(new Token(Tok.IDENT, text.substring(start, i), start));
    }
    out.add(new Token(Tok.END, "", text.length()));
    return out;
  }
}
