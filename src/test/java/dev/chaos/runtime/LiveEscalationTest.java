package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.config.ChaosConfig;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.drivers.live.LiveBackendProvider;
import dev.chaos.spi.Backend;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real run's guard warning and escalation reach each contact's own webhook (served on loopback)
 * through chaos.yaml's `notify.contacts` and `notify.escalation`, on the real clock: a warning
 * and the first level go to the on-call's channel, the second level to the lead's while undo is
 * still running, and the resolution to both once undo is done. A contact whose webhook refuses
 * does not change the run's outcome: the journal says it was not delivered.
 */
@Timeout(60)
class LiveEscalationTest {
  @TempDir
  Path dir;

  @Test
  void eachLevelReachesItsContactsWebhookAndTheResolutionFollows() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      for (int i = 0; i < 6; i++) {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
      }
      String base = "http://127.0.0.1:" + server.getPort();
      String yaml = """
          environments:
            staging:
              class: staging
              notify:
                webhook: %1$s/chaos-channel
                contacts:
                  oncall: {name: "On-call SRE", webhook: "%1$s/pager/oncall", token: "file:oncall.token"}
                  lead: {name: "Engineering lead", webhook: "%1$s/slack/lead"}
                escalation:
                  standard:
                    - {after: 0s, notify: [oncall]}
                    - {after: 3s, notify: [lead]}
          """.formatted(base);
      java.nio.file.Files.writeString(dir.resolve("oncall.token"), "pager-token\n");
      ChaosConfig config = ChaosConfig.parse(dir.resolve("chaos.yaml"), yaml, dir);
      List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
      RunResult result;
      try (Backend backend = new LiveBackendProvider().open(new LiveRequest(dir,
          config.environment("staging"), KubectlFlags.NONE))) {
        result = new RunEngine(RunFixture.check("""
            runbook "live-escalation" {
              environment staging
              let start = now()
              guard "elapsed" every 200ms {
                warn when now() - start > 200ms
                abort when now() - start > 2s
              }
              step "hold" { wait 30s } undo { wait 6s }
            }
            """), backend, RunOptions.defaults(), events::add).run();
      }

      assertThat(result.outcome()).as(() -> events.toString()).isEqualTo(Outcome.ABORTED);
      assertThat(events).as(() -> events.toString()).noneMatch(e -> e instanceof RunEvent.Log l
          && l.text().contains("not delivered"));
      List<String> paths = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("request %d of 5", i + 1).isNotNull();
        paths.add(request.getTarget());
        if (request.getTarget().startsWith("/pager/")) {
          assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer pager-token");
        }
        texts.add(JsonMapper.builder().build().readTree(request.getBody().utf8())
            .get("text").asString());
      }
      // the warning and level 1 to the on-call, level 2 to the lead, then both told it is over
      assertThat(paths).containsExactly("/pager/oncall", "/pager/oncall", "/slack/lead",
          "/pager/oncall", "/slack/lead");
      assertThat(texts.get(0)).contains("degraded", "guard \"elapsed\"");
      assertThat(texts.get(1)).contains("guard \"elapsed\" tripped", "level 1 of 2");
      assertThat(texts.get(2)).contains("unresolved for 3s", "level 2 of 2");
      assertThat(texts.get(3)).contains("resolved after", "undo done");
      assertThat(events.stream().filter(e -> e instanceof RunEvent.EscalationStep)
          .map(e -> ((RunEvent.EscalationStep) e).action()))
          .containsExactly("started", "notified", "notified", "resolved");
    }
  }
}
