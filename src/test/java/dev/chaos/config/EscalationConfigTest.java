package dev.chaos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.spi.Escalations;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `notify.contacts` and `notify.escalation` of chaos.yaml: read, ordered, and refused when wrong. */
class EscalationConfigTest {
  private static final Path FILE = Path.of("chaos.yaml");

  private static NotifyTarget notify(String section) throws ConfigException {
    String yaml = "environments:\n  staging:\n    class: staging\n    notify:\n"
        + section.indent(6);
    return ChaosConfig.parse(FILE, yaml, Path.of("/root")).environment("staging")
        .requireNotify();
  }

  @Test
  void contactsAndPoliciesAreReadWithTheFirstPolicyAsTheDefault() throws Exception {
    NotifyTarget target = notify("""
        webhook: https://hooks.example/chaos
        contacts:
          oncall: {name: "On-call SRE", webhook: "https://pager.example/x", token: "env:PAGER"}
          lead: {webhook: "https://hooks.example/lead"}
        escalation:
          standard:
            - {after: 15m, notify: [lead]}
            - {after: 0s, notify: oncall}
          quiet:
            - {after: 5m, notify: [oncall, lead]}
        """);

    assertThat(target.contacts().get("oncall").webhook())
        .isEqualTo(URI.create("https://pager.example/x"));
    assertThat(target.contacts().get("oncall").token()).isPresent();
    Escalations e = target.escalations();
    assertThat(e.shown("oncall")).isEqualTo("On-call SRE");
    assertThat(e.shown("lead")).isEqualTo("lead");
    Escalations.Policy standard = e.policy(null).orElseThrow();
    assertThat(standard.name()).isEqualTo("standard");
    // levels in order of their delay, whatever order they were written in
    assertThat(standard.levels()).containsExactly(
        new Escalations.Level(Duration.ZERO, List.of("oncall")),
        new Escalations.Level(Duration.ofMinutes(15), List.of("lead")));
    assertThat(e.policy("quiet").orElseThrow().levels().get(0).contacts())
        .containsExactly("oncall", "lead");
    assertThat(e.policy("nightly")).isEmpty();
  }

  @Test
  void aWebhookAloneHasNoContactsAndNoPolicy() throws Exception {
    NotifyTarget target = notify("webhook: https://hooks.example/chaos\n");
    assertThat(target.contacts()).isEmpty();
    assertThat(target.escalations().policy(null)).isEmpty();
  }

  @Test
  void aLevelNamingAnUnknownContactIsRefusedWithTheClosest() {
    assertThatThrownBy(() -> notify("""
        webhook: https://hooks.example/chaos
        contacts:
          oncall: {webhook: "https://pager.example/x"}
        escalation:
          standard:
            - {after: 0s, notify: [oncal]}
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessage("chaos.yaml:10:34: `environments.staging.notify.escalation.standard.notify`"
            + " names `oncal`, which is not a contact (the contacts are `oncall`); did you mean"
            + " `oncall`?");
  }

  @Test
  void aContactNeedsAWebhookAndALevelADuration() {
    assertThatThrownBy(() -> notify("""
        webhook: https://hooks.example/chaos
        contacts:
          oncall: {name: "On-call SRE"}
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("webhook");
    assertThatThrownBy(() -> notify("""
        webhook: https://hooks.example/chaos
        contacts:
          oncall: {webhook: "https://pager.example/x"}
        escalation:
          standard:
            - {after: 15, notify: [oncall]}
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("after");
  }
}
