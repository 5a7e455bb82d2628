package dev.chaos.drivers;

import dev.chaos.spi.Builtin;
import dev.chaos.spi.Effect;
import dev.chaos.spi.Signature;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the builtins of one namespace in declaration order, which is also their order in
 * docs/drivers.md. A mutating call states either its automatic inverse or why it has none, so
 * that the docs and the undo rules never leave a reader guessing.
 */
public final class SignatureTable {
  /** Every mutating builtin without an inverse says so in its doc with these words. */
  public static final String NO_INVERSE = "No automatic inverse: ";

  private final String namespace;
  private final List<Builtin> builtins = new ArrayList<>();

  public SignatureTable(String namespace) {
    this.namespace = namespace;
  }

  public SignatureTable read(String name, Signature signature, String doc) {
    builtins.add(new Builtin(namespace, name, signature, Effect.READ, "", doc));
    return this;
  }

  /**
   * A mutating call that the runtime undoes by itself, as {@code inverse} describes. The doc
   * comes before the inverse, as it comes before the reason in {@link #mutateWithoutInverse}.
   */
  public SignatureTable mutate(String name, Signature signature, String doc, String inverse) {
    builtins.add(new Builtin(namespace, name, signature, Effect.MUTATE, inverse, doc));
    return this;
  }

  /** A mutating call with nothing to undo it automatically; {@code why} ends the doc. */
  public SignatureTable mutateWithoutInverse(String name, Signature signature, String doc,
      String why) {
    builtins.add(new Builtin(namespace, name, signature, Effect.MUTATE, "",
        doc + " " + NO_INVERSE + why));
    return this;
  }

  public List<Builtin> build() {
    return List.copyOf(builtins);
  }
}
