package dev.chaos.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a file before line widths are known, in the style of Wadler's "prettier
 * printer": text, places where a line may break, and groups that break all their lines or none.
 * {@code hard} says a doc always breaks, so every group around it breaks too.
 */
abstract sealed class Doc {
  final boolean hard;

  private Doc(boolean hard) {
    this.hard = hard;
  }

  static final Doc EMPTY = new Concat(List.of());
  /** A space when the group is flat, a line break when it breaks. */
  static final Doc LINE = new Line(" ");
  /** Nothing when the group is flat, a line break when it breaks. */
  static final Doc SOFT_LINE = new Line("");
  static final Doc HARD_LINE = new Break(false);
  /** A line break with an empty line before the next text (never two empty lines). */
  static final Doc BLANK_LINE = new Break(true);
  /** A line break unless the output is at the start of a line already. */
  static final Doc FRESH_LINE = new FreshLine();

  static Doc text(String s) {
    return new Text(s);
  }

  static Doc concat(Doc... parts) {
    return new Concat(List.of(parts));
  }

  static Doc concat(List<Doc> parts) {
    return new Concat(List.copyOf(parts));
  }

  static Doc indent(Doc d) {
    return new Indent(d);
  }

  static Doc group(Doc d) {
    return new Group(d);
  }

  static Doc ifBreak(String s) {
    return new IfBreak(s);
  }

  /** Text that goes at the end of the current line, before its line break: a `//` comment.
   * When {@code breaks}, the groups around it break (the comment ends its item's line). */
  static Doc lineSuffix(String s, boolean breaks) {
    return new LineSuffix(s, breaks);
  }

  static final class Text extends Doc {
    final String text;

    Text(String text) {
      super(false);
      this.text = text;
    }
  }

  static final class Line extends Doc {
    final String flat;

    Line(String flat) {
      super(false);
      this.flat = flat;
    }
  }

  static final class Break extends Doc {
    final boolean blank;

    Break(boolean blank) {
      super(true);
      this.blank = blank;
    }
  }

  static final class FreshLine extends Doc {
    FreshLine() {
      super(true);
    }
  }

  static final class Concat extends Doc {
    final List<Doc> parts;

    Concat(List<Doc> parts) {
      super(parts.stream().anyMatch(p -> p.hard));
      this.parts = parts;
    }
  }

  static final class Indent extends Doc {
    final Doc body;

    Indent(Doc body) {
      super(body.hard);
      this.body = body;
    }
  }

  static final class Group extends Doc {
    final Doc body;

    Group(Doc body) {
      super(body.hard);
      this.body = body;
    }
  }

  static final class IfBreak extends Doc {
    final String text;

    IfBreak(String text) {
      super(false);
      this.text = text;
    }
  }

  static final class LineSuffix extends Doc {
    final String text;

    LineSuffix(String text, boolean breaks) {
      super(breaks);
      this.text = text;
    }
  }

  /** Collects parts; a small convenience for the builders. */
  static final class Parts {
    private final List<Doc> parts = new ArrayList<>();

    Parts add(Doc d) {
      if (d != EMPTY) {
        parts.add(d);
      }
      return this;
    }

    Parts add(String s) {
      parts.add(text(s));
      return this;
    }

    boolean isEmpty() {
      return parts.isEmpty();
    }

    Doc doc() {
      return concat(parts);
    }
  }
}
