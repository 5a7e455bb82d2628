package example.tally;

import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.Effect;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.Param;
import dev.chaos.spi.SandboxModel;
import dev.chaos.spi.Signature;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * A driver from outside the project (docs/extending.md): counters kept by a small HTTP service.
 * It is one package that no main file names: this signature table, a live binding that reads
 * its own `tally` section of `chaos.yaml` ({@link TallyLive}) and a sandbox model built from
 * its own `tally` section of the world file ({@link TallyModel}), registered in
 * `plugin-example/META-INF/services/dev.chaos.spi.Driver`.
 */
public final class TallyDriver implements Driver {
  private static final List<Builtin> BUILTINS = List.of(
      new Builtin("tally", "count", Signature.of(Type.INT,
          Param.positional("name", Type.STRING, "The counter.")), Effect.READ, "",
          "The value of a counter (0 for one never counted)."),
      new Builtin("tally", "add", Signature.of(Type.INT,
          Param.positional("name", Type.STRING, "The counter."),
          Param.named("by", Type.INT, "1", "How much to add.")), Effect.MUTATE,
          "subtract what it added", "Adds to a counter; returns its new value."));

  @Override
  public String namespace() {
    return "tally";
  }

  @Override
  public String doc() {
    return "Counters of the tally service (an example plug-in).";
  }

  @Override
  public List<Builtin> builtins() {
    return BUILTINS;
  }

  @Override
  public Optional<LiveBinding> live() {
    return Optional.of(new TallyLive());
  }

  @Override
  public Optional<SandboxModel> sandbox() {
    return Optional.of(new TallyModel());
  }
}
