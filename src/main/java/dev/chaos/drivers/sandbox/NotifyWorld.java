package dev.chaos.drivers.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The webhook of the world: `notify.send` messages are kept, to be read in tests and reports,
 * with the contact each was sent to (`to:`; null for the webhook), on the virtual clock.
 */
public final class NotifyWorld {
  public record Message(Instant time, String text, String to) {
    public Message(Instant time, String text) {
      this(time, text, null);
    }
  }

  private final World world;
  private final List<Message> sent = new ArrayList<>();
  private volatile Set<String> contacts = Set.of();

  NotifyWorld(World world) {
    this.world = world;
  }

  public void send(String text) {
    send(text, null);
  }

  /** A message to contact {@code to} (null: the webhook); an unknown contact is refused. */
  public void send(String text, String to) {
    if (to != null && !contacts.contains(to)) {
      throw new IllegalArgumentException("`to: \"" + to + "\"` is not a contact of the world's "
          + "`notify.contacts`" + (contacts.isEmpty() ? " (it declares none)"
              : " (the contacts are " + String.join(", ", contacts.stream().sorted().toList())
                  + ")"));
    }
    world.write(now -> sent.add(new Message(now, text, to)));
  }

  /** The contacts of the world file's `notify` section. */
  public void contacts(Set<String> keys) {
    contacts = Set.copyOf(keys);
  }

  /** The messages sent to {@code to}, in order. */
  public List<Message> sentTo(String to) {
    return sent().stream().filter(m -> java.util.Objects.equals(m.to(), to)).toList();
  }

  public List<Message> sent() {
    return world.read(now -> List.copyOf(sent));
  }
}
