package dev.chaos.check;

import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Block;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.syntax.ast.Stmt;
import dev.chaos.types.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a block reads from the scopes around it: the lets of its step and of its runbook,
 * and the implicit `runbook`. Top-level lets, functions and driver namespaces are not among
 * them (they are the program's, not the run's). `chaos recover` journals these values when a
 * step's `undo` block is registered, so that the block can run after its runner died.
 */
public final class BlockReads {
  private BlockReads() {}

  /**
   * One value read: {@code ref} is a {@link Ref.Local} (its declaration outside the block) or
   * the {@link Ref.Implicit} `runbook`; {@code type} its static type.
   */
  public record Read(String name, Ref ref, Type type) {}

  /** What {@code block} of {@code program} reads from outside, in source order, each once. */
  public static List<Read> of(CheckedProgram program, Block block) {
    Map<Object, Read> reads = new IdentityHashMap<>();
    List<Read> ordered = new ArrayList<>();
    Walk.block(block, e -> {
      if (e instanceof Expr.Name name) {
        Ref ref = program.refOf(name);
        Object key = ref instanceof Ref.Local local && !inside(local.declaration(), block.span())
            ? local.declaration()
            : ref instanceof Ref.Implicit implicit && implicit.name().equals("runbook")
                ? Ref.Implicit.class : null;
        if (key != null && !reads.containsKey(key)) {
          Read read = new Read(name.name(), ref, program.typeOf(name));
          reads.put(key, read);
          ordered.add(read);
        }
      }
    });
    return List.copyOf(ordered);
  }

  /** A let or a loop of the block itself is bound when the block runs, not read from outside. */
  private static boolean inside(Object declaration, Span block) {
    Span at = declaration instanceof Stmt s ? s.span() : null;
    return at != null && at.source() == block.source() && at.start() >= block.start()
        && at.end() <= block.end();
  }
}
