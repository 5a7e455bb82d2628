package dev.chaos.drivers.shell;

import static dev.chaos.spi.Param.named;
import static dev.chaos.spi.Param.optionalPositional;
import static dev.chaos.spi.Param.positional;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.drivers.SignatureTable;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.Signature;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * External programs, such as the seed's `./scripts/*.sh`. The command and its arguments are
 * passed as they are, with no shell in between, so nothing in an argument is expanded. A process
 * can do anything, so `run` is `mutate`.
 */
public final class ShellDriver implements Driver {
  private final List<Builtin> builtins = new SignatureTable("shell")
      .mutateWithoutInverse("run", Signature.of(RecordTypes.RESULT,
              positional("cmd", Type.STRING,
                  "The program: a path (relative to the .chaos file) or a name on `PATH`."),
              optionalPositional("args", Type.STRING, "no arguments",
                  "Arguments, one per parameter, not split further."),
              named("check", Type.BOOL, "`true`",
                  "When true, a non-zero exit status fails the call."),
              named("timeout", Type.DURATION, "`5m`", "Time after which the process is killed."))
              .withVariadicTail(),
          "Runs a program and returns its exit status, standard output and standard error.",
          "a program's effects are its own; write an `undo` block.")
      .build();

  @Override
  public String namespace() {
    return "shell";
  }

  @Override
  public String doc() {
    return "External programs, run without a shell.";
  }

  @Override
  public List<Builtin> builtins() {
    return builtins;
  }

  /** Built only by a live run: the binding's class may load client libraries. */
  @Override
  public Optional<LiveBinding> live() {
    return Optional.of(new ShellLive());
  }
}
