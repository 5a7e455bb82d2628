package dev.chaos.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A module and a runbook that uses it, written into a directory, for the feature tests. */
final class FeaturesFixture {
  static final String MODULE = """
      // The share of requests that failed, over the last minute.
      // Read from Prometheus.
      fn failure_rate(window: Duration = 1m) -> Percent = percent(prometheus.scalar("errors"))

      action restart(name: String) {
        k8s.rollout_restart("deployment", name)
      }

      let namespace = "shop"
      """;

  static final String RUNBOOK = """
      import "lib.chaos" as lib

      fn double(n: Int) -> Int = n * 2

      runbook "demo" {
        title "Demo"
        environment staging
        blast_radius 30%

        let backend = k8s.selector(lib.namespace, "tier=backend")

        precondition "ready" {
          expect k8s.pods(backend).ready >= double(1)
        }
        guard "errors" every 5s {
          expect lib.failure_rate() < 5%
        }
        step "kill" {
          let killed = k8s.kill_pods(backend, fraction: 30%)
          log "killed ${len(killed)}"
        }
        rollback {
          lib.restart("api")
        }
      }
      """;

  final Path dir;
  final Path module;
  final Path runbook;

  FeaturesFixture(Path dir) throws IOException {
    this.dir = dir;
    this.module = dir.resolve("lib.chaos");
    this.runbook = dir.resolve("demo.chaos");
    Files.writeString(module, MODULE);
    Files.writeString(runbook, RUNBOOK);
  }

  Analysis analysis() {
    return LspFixtures.analyze(runbook, RUNBOOK);
  }

  Analysis analysis(String text) {
    return LspFixtures.analyze(runbook, text);
  }

  /** The offset of the {@code nth} character of the first {@code marker} in the runbook. */
  static int at(String marker, int nth) {
    int i = RUNBOOK.indexOf(marker);
    if (i < 0) {
      throw new IllegalArgumentException(marker);
    }
    return i + nth;
  }
}
