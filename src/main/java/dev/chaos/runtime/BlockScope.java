package dev.chaos.runtime;

import dev.chaos.check.BlockReads;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Ref;
import dev.chaos.syntax.ast.Block;
import dev.chaos.types.Type;
import dev.chaos.types.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step's `undo` block reads from the scopes around it ({@link BlockReads}), as the
 * journal keeps it for `chaos recover`: the values as {@link EventValues} writes them, by name,
 * read back with their static types. A value whose type holds a Secret is never journaled: the
 * block then cannot run without its runner, and {@link #notJournaled()} says why.
 */
final class BlockScope {
  private final List<BlockReads.Read> reads;
  private final String notJournaled;

  private BlockScope(List<BlockReads.Read> reads) {
    this.reads = reads;
    this.notJournaled = reads.stream().filter(r -> !journaled(r.type())).findFirst()
        .map(r -> "`" + r.name() + "`, " + (r.type() == Type.SECRET ? "a secret"
            : holdsSecret(r.type()) ? "a " + r.type().display() + " holding a secret"
            : "a " + r.type().display()))
        .orElse(null);
  }

  static BlockScope of(CheckedProgram program, Block block) {
    return new BlockScope(BlockReads.of(program, block));
  }

  /** The first value read that is not journaled and what it is (`token`, a secret); or null. */
  String notJournaled() {
    return notJournaled;
  }

  /** Whether the block reads the value that {@code declaration} binds. */
  boolean reads(Object declaration) {
    return reads.stream().anyMatch(r -> key(r) == declaration);
  }

  /** The values of {@code env} the block reads, by name: those bound so far, never a secret. */
  Map<String, Object> values(Environment env) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (BlockReads.Read r : reads) {
      Value v = env.lookup(key(r));
      if (v != null && journaled(r.type())) {
        out.put(r.name(), EventValues.of(v));
      }
    }
    return out;
  }

  /**
   * An environment under {@code root} with the journaled {@code values} bound as the block
   * reads them; a value the step had not bound stays unbound, as it was in the run.
   *
   * @throws IllegalArgumentException naming a value that does not read back as its type
   */
  Environment restore(Map<String, Object> values, Environment root) {
    Environment env = root.child();
    for (BlockReads.Read r : reads) {
      if (values.containsKey(r.name())) {
        try {
          env.define(key(r), EventValues.value(values.get(r.name()), r.type()));
        } catch (RuntimeException bad) {
          throw new IllegalArgumentException("the journaled value of `" + r.name()
              + "` does not read back as a " + r.type().display() + ": " + bad.getMessage(),
              bad);
        }
      }
    }
    return env;
  }

  private static Object key(BlockReads.Read r) {
    return r.ref() instanceof Ref.Local local ? local.declaration() : Environment.RUNBOOK;
  }

  /** A type the journal has a form for, holding no secret. */
  private static boolean journaled(Type type) {
    if (type instanceof Type.Prim p) {
      return p != Type.SECRET && p != Type.ERROR;
    }
    if (type instanceof Type.ListOf list) {
      return journaled(list.element());
    }
    if (type instanceof Type.MapOf map) {
      return journaled(map.key()) && journaled(map.value());
    }
    if (type instanceof Type.Rec rec) {
      return rec.fields().values().stream().allMatch(BlockScope::journaled);
    }
    return false; // a type variable or a union has no single form to read back
  }

  private static boolean holdsSecret(Type type) {
    if (type instanceof Type.ListOf list) {
      return holdsSecret(list.element());
    }
    if (type instanceof Type.MapOf map) {
      return holdsSecret(map.key()) || holdsSecret(map.value());
    }
    if (type instanceof Type.Rec rec) {
      return rec.fields().values().stream().anyMatch(BlockScope::holdsSecret);
    }
    return type == Type.SECRET;
  }
}
