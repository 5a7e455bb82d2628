package dev.chaos.format;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Lays a {@link Doc} out within a line width (Wadler/Prettier: a group breaks when its flat
 * form does not fit in what is left of the line, up to the next place a line may break). */
final class Printer {
  static final int INDENT = 2;

  private record Cmd(int indent, boolean flat, Doc doc) {}

  private final int width;
  private final StringBuilder out = new StringBuilder();
  private final List<String> suffixes = new ArrayList<>();
  /** Where each end-of-line comment starts in {@code out}, to align those of adjacent lines. */
  private final List<Integer> suffixStarts = new ArrayList<>();
  private boolean atLineStart = true;
  private int indent;
  private int column;
  private boolean movedComment;

  private Printer(int width) {
    this.width = width;
  }

  /** The text, and whether a `//` comment had to go to a line of its own (see Formatter). */
  record Result(String text, boolean movedComment) {}

  static Result print(Doc doc, int width) {
    Printer p = new Printer(width);
    p.run(doc);
    p.flushSuffixes();
    return new Result(p.text(), p.movedComment);
  }

  private String text() {
    String s = alignSuffixes();
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    return end == 0 ? "" : s.substring(0, end) + "\n";
  }

  private void run(Doc root) {
    Deque<Cmd> stack = new ArrayDeque<>();
    stack.push(new Cmd(0, false, root));
    while (!stack.isEmpty()) {
      Cmd c = stack.pop();
      Doc d = c.doc;
      if (d instanceof Doc.Text t) {
        write(t.text);
      } else if (d instanceof Doc.Line l) {
        if (c.flat) {
          write(l.flat);
        } else {
          newline(c.indent);
        }
      } else if (d instanceof Doc.Break b) {
        if (b.blank) {
          blank(c.indent);
        } else {
          newline(c.indent);
        }
      } else if (d instanceof Doc.FreshLine) {
        if (atLineStart) {
          indent = c.indent;
        } else {
          newline(c.indent);
        }
      } else if (d instanceof Doc.Concat cat) {
        for (int i = cat.parts.size() - 1; i >= 0; i--) {
          stack.push(new Cmd(c.indent, c.flat, cat.parts.get(i)));
        }
      } else if (d instanceof Doc.Indent in) {
        stack.push(new Cmd(c.indent + INDENT, c.flat, in.body));
      } else if (d instanceof Doc.Group g) {
        boolean flat = c.flat || !g.hard && fits(g.body, stack);
        stack.push(new Cmd(c.indent, flat, g.body));
      } else if (d instanceof Doc.IfBreak ib) {
        if (!c.flat) {
          write(ib.text);
        }
      } else if (d instanceof Doc.LineSuffix s) {
        suffixes.add(s.text);
      }
    }
  }

  /** Whether {@code body} fits flat on the rest of the line, counting what follows it up to
   * the next place where the enclosing layout may break a line. */
  private boolean fits(Doc body, Deque<Cmd> rest) {
    int left = width - (atLineStart ? indent : column);
    Deque<Doc> todo = new ArrayDeque<>();
    Deque<Boolean> flatness = new ArrayDeque<>();
    todo.push(body);
    flatness.push(true);
    var restIt = rest.iterator();
    while (true) {
      if (todo.isEmpty()) {
        if (!restIt.hasNext()) {
          return true;
        }
        Cmd next = restIt.next();
        todo.push(next.doc);
        flatness.push(next.flat);
      }
      Doc d = todo.pop();
      boolean flat = flatness.pop();
      if (d instanceof Doc.Text t) {
        int nl = t.text.indexOf('\n');
        left -= nl < 0 ? t.text.length() : nl;
        if (left < 0) {
          return false;
        }
        if (nl >= 0) {
          return true;
        }
      } else if (d instanceof Doc.Line l) {
        if (!flat) {
          return true;
        }
        left -= l.flat.length();
        if (left < 0) {
          return false;
        }
      } else if (d instanceof Doc.Break || d instanceof Doc.FreshLine) {
        return true;
      } else if (d instanceof Doc.Concat cat) {
        for (int i = cat.parts.size() - 1; i >= 0; i--) {
          todo.push(cat.parts.get(i));
          flatness.push(flat);
        }
      } else if (d instanceof Doc.Indent in) {
        todo.push(in.body);
        flatness.push(flat);
      } else if (d instanceof Doc.Group g) {
        // A group after the one measured may break at its own lines.
        todo.push(g.body);
        flatness.push(flat);
      } else if (d instanceof Doc.IfBreak ib) {
        if (!flat) {
          left -= ib.text.length();
        }
      }
      // a line suffix (a `//` comment) takes no room: it goes at the end of whatever line
    }
  }

  private void write(String s) {
    if (s.isEmpty()) {
      return;
    }
    if (atLineStart) {
      out.append(" ".repeat(indent));
      column = indent;
      atLineStart = false;
    }
    out.append(s);
    int nl = s.lastIndexOf('\n');
    column = nl < 0 ? column + s.length() : s.length() - nl - 1;
  }

  private void flushSuffixes() {
    if (!suffixes.isEmpty() && !atLineStart) {
      suffixStarts.add(out.length());
    }
    boolean lineComment = false;
    for (String s : suffixes) {
      if (lineComment) {
        // nothing may follow a `//` comment on its line: the next one gets a line of its own
        out.append('\n');
        atLineStart = true;
        movedComment = true;
        write(s.strip());
      } else {
        write(s);
      }
      lineComment = s.strip().startsWith("//");
    }
    suffixes.clear();
  }

  /** End-of-line comments of adjacent lines start in one column, as gofmt aligns them. */
  private String alignSuffixes() {
    String text = out.toString();
    if (suffixStarts.isEmpty()) {
      return text;
    }
    int[] lineOf = new int[suffixStarts.size()];
    int[] column = new int[suffixStarts.size()];
    for (int i = 0; i < lineOf.length; i++) {
      int at = suffixStarts.get(i);
      int lineStart = text.lastIndexOf('\n', at - 1) + 1;
      column[i] = at - lineStart;
      lineOf[i] = i == 0 ? countLines(text, 0, at) : lineOf[i - 1] + countLines(text, suffixStarts.get(i - 1), at);
    }
    StringBuilder sb = new StringBuilder(text);
    int runEnd = lineOf.length - 1;
    for (int i = lineOf.length - 1; i >= 0; i--) {
      boolean runStarts = i == 0 || lineOf[i - 1] != lineOf[i] - 1
          || indentOf(text, suffixStarts.get(i - 1)) != indentOf(text, suffixStarts.get(i));
      if (!runStarts) {
        continue;
      }
      int widest = 0;
      for (int j = i; j <= runEnd; j++) {
        widest = Math.max(widest, column[j]);
      }
      for (int j = runEnd; j >= i; j--) {
        sb.insert((int) suffixStarts.get(j), " ".repeat(widest - column[j]));
      }
      runEnd = i - 1;
    }
    return sb.toString();
  }

  private static int indentOf(String text, int at) {
    int i = text.lastIndexOf('\n', at - 1) + 1;
    int start = i;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i - start;
  }

  private static int countLines(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private void newline(int nextIndent) {
    flushSuffixes();
    out.append('\n');
    atLineStart = true;
    indent = nextIndent;
    column = nextIndent;
  }

  private void blank(int nextIndent) {
    flushSuffixes();
    if (!atLineStart) {
      out.append('\n');
    }
    if (out.length() > 0 && !endsWithBlank()) {
      out.append('\n');
    }
    atLineStart = true;
    indent = nextIndent;
    column = nextIndent;
  }

  private boolean endsWithBlank() {
    int n = out.length();
    return n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n';
  }
}
