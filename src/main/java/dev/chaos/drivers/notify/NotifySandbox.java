package dev.chaos.drivers.notify;

import dev.chaos.config.EscalationSection;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.Escalations;
import dev.chaos.spi.SandboxModel;
import dev.chaos.spi.SandboxSetup;
import dev.chaos.spi.yaml.YamlSection;
import java.util.List;
import java.util.Optional;

/**
 * The `notify` section of a world file: the emergency contacts and escalation policies of a
 * rehearsal, in the shape of chaos.yaml's (`webhook` and `token` are allowed, so a section can
 * be copied, and ignored: the world's webhook keeps every message). The world binds
 * `notify.send` itself; this model only shares the {@link Escalations}.
 */
final class NotifySandbox implements SandboxModel {
  @Override
  public Optional<String> section() {
    return Optional.of("notify");
  }

  @Override
  public DriverBinder prepare(SandboxSetup setup) throws Exception {
    Optional<YamlSection.Field> field = setup.section();
    Escalations escalations = Escalations.NONE;
    if (field.isPresent()) {
      YamlSection notify = YamlSection.of(field.get(),
          List.of("webhook", "token", "contacts", "escalation"));
      escalations = EscalationSection.escalations(notify,
          EscalationSection.contacts(notify, List.of("webhook", "token")));
    }
    Escalations shared = escalations;
    setup.share(Escalations.class, () -> shared);
    return into -> null;
  }
}
