package dev.chaos.lsp;

import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Program;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The nodes that contain one offset of a file, outermost first: the declaration, the section,
 * the statement, ... down to the name under the cursor. A cursor just past a word (`backend|`)
 * is on that word, as editors mean it.
 */
final class NodePath {
  private final List<Object> nodes;

  private NodePath(List<Object> nodes) {
    this.nodes = Collections.unmodifiableList(nodes);
  }

  static NodePath at(Program program, int offset) {
    List<Object> found = new ArrayList<>();
    AstWalk.program(program, (node, span) -> {
      if (contains(span, offset)) {
        found.add(node);
        return true;
      }
      return false;
    });
    return new NodePath(found);
  }

  static boolean contains(Span span, int offset) {
    return span != null && span.start() <= offset && offset <= span.end();
  }

  List<Object> nodes() {
    return nodes;
  }

  /** The innermost node of a type, if any. */
  <T> Optional<T> innermost(Class<T> type) {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (type.isInstance(nodes.get(i))) {
        return Optional.of(type.cast(nodes.get(i)));
      }
    }
    return Optional.empty();
  }

  /** The innermost node. */
  Optional<Object> leaf() {
    return nodes.isEmpty() ? Optional.empty() : Optional.of(nodes.get(nodes.size() - 1));
  }

  /** The node just outside {@code node} on this path, if any. */
  Optional<Object> parentOf(Object node) {
    for (int i = 1; i < nodes.size(); i++) {
      if (nodes.get(i) == node) {
        return Optional.of(nodes.get(i - 1));
      }
    }
    return Optional.empty();
  }
}
