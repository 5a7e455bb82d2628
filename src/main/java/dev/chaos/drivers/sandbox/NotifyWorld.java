package dev.chaos.drivers.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The webhook of the world: `notify.send` messages are kept, to be read in tests and reports. */
public final class NotifyWorld {
  public record Message(Instant time, String text) {}

  private final World world;
  private final List<Message> sent = new ArrayList<>();

  NotifyWorld(World world) {
    this.world = world;
  }

  public void send(String text) {
    world.write(now -> sent.add(new Message(now, text)));
  }

  public List<Message> sent() {
    return world.read(now -> List.copyOf(sent));
  }
}
