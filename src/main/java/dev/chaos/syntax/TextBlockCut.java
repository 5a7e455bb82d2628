package dev.chaos.syntax;

import java.util.regex.Pattern;

/**
 * Where a text block that is never closed is taken to end, so that the code after it is still
 * read: the start of the first line after its opening line that is indented less than that
 * line, or as much and begins a section, a declaration or a statement (`step "..."`, `fn f(`,
 * `let x =`, `}`). Text inside a block is indented deeper than the line that opens it, so
 * such a line is code the author meant to follow the block.
 */
final class TextBlockCut {
  private static final Pattern CODE_LINE = Pattern.compile(
      "(?:precondition|guard|step|verify|title|objective|owner|runbook|import)\\s+\""
          + "|(?:fn|action)\\s+\\w+\\s*\\("
          + "|(?:let|observe|record)\\s+\\w+\\s*="
          + "|rollback\\s*\\{|on\\s+abort\\b|recovery\\s+within\\b"
          + "|(?:expect|wait|log|fail|for|if)\\b"
          + "|}");

  private TextBlockCut() {}

  /** The char offset to end the block opened at {@code open}, or -1 to let it run to the end. */
  static int find(String text, int open) {
    int lineStart = text.lastIndexOf('\n', open - 1) + 1;
    int indent = indentation(text, lineStart);
    int next = text.indexOf('\n', open);
    while (next >= 0) {
      int start = next + 1;
      next = text.indexOf('\n', start);
      int end = next < 0 ? text.length() : next;
      int depth = indentation(text, start);
      if (start + depth >= end || text.substring(start + depth, end).isBlank()) {
        continue;
      }
      if (depth < indent || depth == indent && CODE_LINE.matcher(text).region(start + depth, end).lookingAt()) {
        return start;
      }
    }
    return -1;
  }

  private static int indentation(String text, int lineStart) {
    int i = lineStart;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i - lineStart;
  }
}
