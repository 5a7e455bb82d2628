package dev.chaos.drivers.notify;

import static dev.chaos.spi.Param.named;
import static dev.chaos.spi.Param.positional;

import dev.chaos.drivers.SignatureTable;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.Signature;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * Messages to people, through the config's webhook. Sending is `mutate` although it leaves the
 * system under test alone: a message reaches the outside world and cannot be taken back, so
 * `--dry-run` must print it instead of paging anyone, and a `guard` or `fn` must not send one.
 * That places sends where the contract puts them: `on abort`, `rollback`, actions and steps.
 */
public final class NotifyDriver implements Driver {
  private final List<Builtin> builtins = new SignatureTable("notify")
      .mutateWithoutInverse("send", Signature.of(Type.UNIT,
              positional("text", Type.STRING, "The message; Secrets cannot be interpolated."),
              named("to", Type.STRING, "the environment's `notify.webhook`",
                  "An emergency contact of `notify.contacts` (`\"oncall\"`): its own channel.")),
          "Posts a message to the configured webhook (Slack or compatible), or to a contact.",
          "a message cannot be unsent.")
      .build();

  @Override
  public String namespace() {
    return "notify";
  }

  @Override
  public String doc() {
    return "Notifications through the configured webhook. Sending is `mutate`: a dry run prints"
        + " the message instead, and guards, verifies and `fn`s cannot page anyone.";
  }

  @Override
  public List<Builtin> builtins() {
    return builtins;
  }

  /**
   * In a rehearsal the world's webhook keeps the messages; this model only reads the world
   * file's `notify` section (contacts and escalation policies) and shares them with the run.
   */
  @Override
  public Optional<dev.chaos.spi.SandboxModel> sandbox() {
    return Optional.of(new NotifySandbox());
  }

  /** Built only by a live run: the binding's class may load client libraries. */
  @Override
  public Optional<LiveBinding> live() {
    return Optional.of(new NotifyLive());
  }
}
