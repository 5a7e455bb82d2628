package dev.chaos.format;

import java.util.Random;

/**
 * Random programs that parse: every kind of declaration, section, statement and expression,
 * with random spacing, line breaks and comments between their tokens. Names are short so that
 * none is close enough to a keyword to be taken for a misspelt one.
 */
public final class ProgramGenerator {
  private static final String[] NAMES = {"x", "y", "ab", "n1", "k8s", "slo", "q"};
  private static final String[] OPS = {"+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "and", "or"};
  private static final String[] LITERALS = {"1", "42", "0.5", "5s", "1m30s", "250ms", "30%", "02:00",
      "true", "false", "\"s\"", "\"a ${x} b\"", "\"esc \\\" \\n \\$\"", "runbook",
      "\"\"\"\n      text ${ x  +  1 }\n    \"\"\""};

  private final Random random;
  private final StringBuilder out = new StringBuilder();
  private int comments;

  public ProgramGenerator(Random random) {
    this.random = random;
  }

  public String program() {
    int decls = 1 + random.nextInt(5);
    for (int i = 0; i < decls; i++) {
      decl();
      sep(true);
    }
    return out.toString();
  }

  /** Whitespace between two tokens: a space, more spaces, a line break, an empty line, a
   * comment. A line comment always ends its line. */
  private void sep(boolean lineBreakAllowed) {
    int r = random.nextInt(20);
    if (r < 12) {
      out.append(' ');
    } else if (r < 14) {
      out.append("   ");
    } else if (r < 16 && lineBreakAllowed) {
      out.append('\n').append(" ".repeat(random.nextInt(6)));
    } else if (r < 17 && lineBreakAllowed) {
      out.append("\n\n\n");
    } else if (r < 18 && lineBreakAllowed) {
      out.append(" // c").append(comments++).append('\n');
    } else if (r < 19) {
      out.append(" /* b").append(comments++).append(" */ ");
    } else {
      out.append(" ");
    }
  }

  private void t(String token) {
    out.append(token);
    sep(true);
  }

  private String name() {
    return NAMES[random.nextInt(NAMES.length)];
  }

  private void decl() {
    switch (random.nextInt(6)) {
      case 0 -> {
        t("import");
        t("\"" + name() + "\"");
        if (random.nextBoolean()) {
          t("as");
          t(name());
        }
      }
      case 1 -> {
        t("let");
        t(name());
        t("=");
        expr(3);
      }
      case 2 -> {
        t("fn");
        t(name());
        params();
        t("->");
        type();
        t("=");
        expr(3);
      }
      case 3 -> {
        t("action");
        t(name());
        params();
        block(2);
      }
      default -> runbook();
    }
  }

  private void params() {
    t("(");
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t(",");
      }
      t(name());
      t(":");
      type();
      if (random.nextInt(3) == 0) {
        t("=");
        expr(1);
      }
    }
    if (n > 0 && random.nextInt(4) == 0) {
      t(",");
    }
    t(")");
  }

  private void type() {
    if (random.nextInt(3) == 0) {
      t("List");
      t("[");
      t("Int");
      t("]");
    } else {
      t(random.nextBoolean() ? "Int" : "Duration");
    }
  }

  private void runbook() {
    t("runbook");
    t("\"r\"");
    t("{");
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      member();
    }
    t("}");
  }

  private void member() {
    switch (random.nextInt(13)) {
      case 0 -> {
        t("title");
        t("\"t\"");
      }
      case 1 -> {
        t("tags");
        list(1);
      }
      case 2 -> {
        t("window");
        t("02:00");
        t("to");
        t("06:00");
        if (random.nextBoolean()) {
          t("zone");
          t("\"UTC\"");
        }
      }
      case 3 -> {
        t("let");
        t(name());
        t("=");
        expr(3);
      }
      case 4 -> {
        t("precondition");
        t("\"p\"");
        block(2);
      }
      case 5 -> {
        t("observe");
        t(name());
        t("=");
        expr(2);
        t("every");
        t("5s");
      }
      case 6 -> {
        t("guard");
        t("\"g\"");
        t("every");
        t("5s");
        block(1);
      }
      case 7 -> {
        t("step");
        t("\"s\"");
        if (random.nextBoolean()) {
          t("timeout");
          t("2m");
        }
        if (random.nextBoolean()) {
          t("irreversible");
        }
        block(2);
        if (random.nextBoolean()) {
          t("undo");
          block(1);
        }
      }
      case 8 -> {
        t("verify");
        t("\"v\"");
        if (random.nextBoolean()) {
          t("throughout");
        }
        block(1);
      }
      case 9 -> {
        t("rollback");
        block(1);
      }
      case 10 -> {
        t("recovery");
        t("within");
        t("2m");
        block(1);
      }
      case 11 -> {
        t("schedule");
        t("\"0 3 * * MON-FRI\"");
        if (random.nextBoolean()) {
          t("zone");
          t("\"Europe/Paris\"");
        }
      }
      default -> {
        t("on");
        t("abort");
        block(1);
      }
    }
  }

  private void block(int depth) {
    t("{");
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      stmt(depth);
    }
    t("}");
  }

  private void stmt(int depth) {
    switch (random.nextInt(depth > 0 ? 11 : 8)) {
      case 0 -> {
        t("let");
        t(name());
        t("=");
        expr(3);
      }
      case 1 -> {
        t("expect");
        expr(3);
        if (random.nextBoolean()) {
          t("else");
          t("\"the message ${x}\"");
        }
      }
      case 2 -> {
        t("wait");
        t("5s");
      }
      case 3 -> {
        t("wait");
        t("until");
        expr(2);
        t("every");
        t("1s");
        t("within");
        t("2m");
      }
      case 4 -> {
        t("record");
        t(name());
        t("=");
        expr(2);
      }
      case 5 -> {
        t("log");
        expr(2);
      }
      case 6 -> {
        t("fail");
        t("\"f\"");
      }
      case 7 -> {
        // a call statement: a name, then a call
        t(name());
        t(".");
        t(name());
        args(2);
      }
      case 8 -> {
        t("if");
        expr(2);
        block(depth - 1);
        if (random.nextBoolean()) {
          t("else");
          if (random.nextBoolean()) {
            t("if");
            expr(1);
          }
          block(depth - 1);
        }
      }
      default -> {
        t("for");
        t(name());
        t("in");
        expr(1);
        block(depth - 1);
      }
    }
  }

  private void expr(int depth) {
    int r = depth <= 0 ? 0 : random.nextInt(10);
    switch (r) {
      case 0, 1 -> t(random.nextBoolean() ? name() : LITERALS[random.nextInt(LITERALS.length)]);
      case 2 -> {
        expr(depth - 1);
        t(OPS[random.nextInt(OPS.length)]);
        expr(depth - 1);
      }
      case 3 -> {
        t(random.nextBoolean() ? "-" : "not");
        expr(depth - 1);
      }
      case 4 -> {
        t("(");
        expr(depth - 1);
        t(")");
      }
      case 5 -> {
        t(name());
        args(depth - 1);
      }
      case 6 -> {
        t(name());
        t(".");
        t(name());
        if (random.nextBoolean()) {
          args(depth - 1);
        }
      }
      case 7 -> list(depth - 1);
      case 8 -> {
        t("{");
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            t(",");
          }
          t(name());
          t(":");
          expr(depth - 1);
        }
        t("}");
      }
      default -> {
        t(name());
        t("[");
        expr(depth - 1);
        t("]");
      }
    }
  }

  private void args(int depth) {
    t("(");
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t(",");
      }
      if (random.nextInt(3) == 0) {
        t("arg" + i);
        t(":");
      }
      expr(depth);
    }
    if (n > 0 && random.nextInt(4) == 0) {
      t(",");
    }
    t(")");
  }

  private void list(int depth) {
    t("[");
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t(",");
      }
      expr(depth);
    }
    t("]");
  }
}
