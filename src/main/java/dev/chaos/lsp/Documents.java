package dev.chaos.lsp;

import dev.chaos.source.LineMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * The text of every document the editor holds open, by URI, kept in step with its changes:
 * whole-text replacements and incremental edits ({@code TextDocumentSyncKind.Incremental}),
 * applied in the order the client sent them.
 */
final class Documents {
  /** One open document at one version. */
  record Open(String uri, int version, String text) {}

  private final Map<String, Open> open = new ConcurrentHashMap<>();

  void open(String uri, int version, String text) {
    open.put(uri, new Open(uri, version, text));
  }

  /** Applies the changes in order; unknown documents are ignored (the client closed them). */
  Open change(String uri, int version, Iterable<TextDocumentContentChangeEvent> changes) {
    return open.computeIfPresent(uri, (key, doc) -> {
      String text = doc.text();
      for (TextDocumentContentChangeEvent change : changes) {
        text = apply(text, change);
      }
      return new Open(uri, version, text);
    });
  }

  void close(String uri) {
    open.remove(uri);
  }

  Open get(String uri) {
    return open.get(uri);
  }

  Iterable<Open> all() {
    return open.values();
  }

  /** One change: without a range it replaces the whole text. */
  static String apply(String text, TextDocumentContentChangeEvent change) {
    Range range = change.getRange();
    if (range == null) {
      return change.getText();
    }
    LineMap lines = LineMap.of(text);
    int start = Positions.offset(text, lines, range.getStart());
    int end = Math.max(start, Positions.offset(text, lines, range.getEnd()));
    return text.substring(0, start) + change.getText() + text.substring(end);
  }
}
