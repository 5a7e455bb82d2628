package dev.chaos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.check.CallSites;
import dev.chaos.check.CheckOptions;
import dev.chaos.check.CheckedProgram;
import dev.chaos.check.Checker;
import dev.chaos.config.ChaosConfig;
import dev.chaos.diag.Diagnostics;
import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Role `chaos deploy` renders for every runbook of runbooks/ allows each request each of
 * their calls makes (the driver table's row for the call, with the call's arguments) and
 * grants nothing else: every verb of every rendered rule is a request of some call or of the
 * run's lock. Read from the rendered YAML, as the API server would read it.
 */
class DerivedRoleTest {
  private static final DriverRegistry DRIVERS = DriverRegistry.load();
  private static final String NS = "chaos";

  static final String CONFIG = """
      environments:
        staging:
          class: staging
          kubernetes:
            in_cluster: true
            lock_namespace: chaos-testing
            clusters:
              backup-region:
                context: backup-region
          prometheus:
            url: http://prometheus.monitoring:9090
          redis:
            sentinels: [redis-sentinel.data:26379]
            master: mymaster
          postgres:
            url: jdbc:postgresql://postgres.data:5432/chaos
            user: chaos
          notify:
            webhook: http://hooks.example/chaos
        prod:
          class: prod
          kubernetes:
            in_cluster: true
            lock_namespace: chaos-testing
          prometheus:
            url: http://prometheus.monitoring:9090
          notify:
            webhook: http://hooks.example/chaos
      """;

  static List<CheckedProgram> runbooks() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("runbooks"))) {
      files = s.filter(p -> p.toString().endsWith(".chaos")).sorted().toList();
    }
    Checker checker = new Checker(DRIVERS, new CheckOptions(false));
    List<CheckedProgram> out = new ArrayList<>();
    for (Path f : files) {
      Diagnostics sink = new Diagnostics();
      CheckedProgram p = checker.check(new SourceFile(f.toString(), Files.readString(f)), sink);
      assertThat(sink.hasErrors()).as(f.toString()).isFalse();
      out.add(p);
    }
    return out;
  }

  static Deployment deployment(List<CheckedProgram> programs, Path dir, String gameday)
      throws Exception {
    Path config = dir.resolve("chaos.yaml");
    Files.writeString(config, CONFIG);
    return Deployment.of(programs, ChaosConfig.load(config), CONFIG, null,
        new Manifests.Options(NS, "chaos:test", "chaos", "chaos-secrets", gameday, false, null));
  }

  @Test
  void theRenderedRolesAllowEveryCallOfEveryRunbookAndNothingElse(@TempDir Path dir)
      throws Exception {
    List<CheckedProgram> programs = runbooks();
    assertThat(programs).hasSizeGreaterThanOrEqualTo(10);
    Deployment deployment = deployment(programs, dir, null);
    assertThat(deployment.problems()).isEmpty();
    Set<KubeRequest> granted = granted(Manifests.yaml(deployment.objects()));

    Set<KubeRequest> needed = new LinkedHashSet<>();
    int calls = 0;
    for (CheckedProgram p : programs) {
      for (CallSites.Site site : CallSites.of(p)) {
        if (!RequestTable.cluster(site).isEmpty()) {
          continue; // another cluster: its own ServiceAccount, not these objects
        }
        for (KubeRequest r : RequestTable.requests(site, NS)) {
          calls++;
          assertThat(granted).as("%s at %s", r, site.where()).contains(r);
          needed.add(r);
        }
      }
      DeployedRunbook runbook = DeployedRunbook.of(p);
      for (String verb : List.of("get", "create", "update", "list", "delete")) {
        needed.add(new KubeRequest(verb, "", "configmaps", "chaos-testing")); // the run's record
      }
      if (runbook.lock() != null) {
        for (String verb : List.of("get", "create", "update", "delete")) {
          needed.add(new KubeRequest(verb, "coordination.k8s.io", "leases", "chaos-testing"));
        }
        if (runbook.environment().equals("prod")) {
          needed.add(new KubeRequest("get", "", "configmaps", "chaos-testing"));
        }
      }
    }
    assertThat(calls).isGreaterThan(100);
    assertThat(granted).containsExactlyInAnyOrderElementsOf(needed);
    // the requests the issue names, among them
    assertThat(granted).contains(
        new KubeRequest("delete", "", "pods", "llm-marketplace"),
        new KubeRequest("list", "", "pods", "llm-marketplace"),
        new KubeRequest("create", "chaos-mesh.org", "podchaos", "chaos-testing"),
        new KubeRequest("get", "chaos-mesh.org", "podchaos", "chaos-testing"),
        new KubeRequest("delete", "chaos-mesh.org", "podchaos", "chaos-testing"),
        new KubeRequest("update", "coordination.k8s.io", "leases", "chaos-testing"),
        new KubeRequest("get", "autoscaling", "horizontalpodautoscalers", "llm-marketplace"),
        new KubeRequest("patch", "apps", "deployments", "llm-marketplace"));
    // nothing the runbooks never do: no secrets, no writes to nodes, no cluster-wide rule
    assertThat(granted).noneMatch(r -> r.resource().equals("secrets"));
    assertThat(granted).noneMatch(KubeRequest::clusterScoped);
  }

  @Test
  void aGameDayAddsOnlyWhatArgosExecutorNeedsInTheRunnersNamespace(@TempDir Path dir)
      throws Exception {
    List<CheckedProgram> programs = runbooks();
    Set<KubeRequest> alone = granted(Manifests.yaml(deployment(programs, dir, null).objects()));
    Set<KubeRequest> gameday = granted(Manifests.yaml(deployment(programs, dir, "weekly")
        .objects()));
    gameday.removeAll(alone);
    assertThat(gameday).containsExactlyInAnyOrder(
        new KubeRequest("create", "argoproj.io", "workflowtaskresults", NS),
        new KubeRequest("patch", "argoproj.io", "workflowtaskresults", NS));
  }

  @Test
  void everyKubernetesFunctionOfTheDriversHasARow() {
    Set<String> functions = new LinkedHashSet<>();
    for (var driver : DRIVERS.drivers()) {
      if (RequestTable.DRIVERS.contains(driver.namespace())) {
        driver.builtins().forEach(b -> functions.add(b.qualifiedName()));
      }
    }
    assertThat(RequestTable.functions()).containsExactlyInAnyOrderElementsOf(functions);
  }

  /**
   * What the rendered Roles and ClusterRoles grant the runner, as single requests; a wildcard
   * fails the test, and so does a Role bound to anyone else.
   */
  @SuppressWarnings("unchecked")
  static Set<KubeRequest> granted(String yaml) {
    return granted(yaml, NS);
  }

  /** As {@link #granted(String)}, for a runner in {@code runnerNamespace}. */
  @SuppressWarnings("unchecked")
  static Set<KubeRequest> granted(String yaml, String runnerNamespace) {
    Set<KubeRequest> out = new LinkedHashSet<>();
    List<Map<String, Object>> docs = ManifestDocuments.parse(yaml);
    for (Map<String, Object> doc : docs) {
      String kind = (String) doc.get("kind");
      if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
        continue;
      }
      String ns = kind.equals("Role")
          ? (String) ((Map<String, Object>) doc.get("metadata")).get("namespace") : "";
      assertThat(bound(docs, kind, doc, runnerNamespace)).as("a binding of " + kind + " in " + ns).isTrue();
      for (Object o : (List<Object>) doc.get("rules")) {
        Map<String, Object> rule = (Map<String, Object>) o;
        for (String group : (List<String>) rule.get("apiGroups")) {
          for (String resource : (List<String>) rule.get("resources")) {
            for (String verb : (List<String>) rule.get("verbs")) {
              assertThat(List.of(group, resource, verb)).doesNotContain("*");
              out.add(new KubeRequest(verb, group, resource, ns));
            }
          }
        }
      }
    }
    return out;
  }

  /** Whether a binding of the role to the runner's ServiceAccount is rendered. */
  @SuppressWarnings("unchecked")
  private static boolean bound(List<Map<String, Object>> docs, String kind,
      Map<String, Object> role, String runnerNamespace) {
    Map<String, Object> meta = (Map<String, Object>) role.get("metadata");
    for (Map<String, Object> doc : docs) {
      if (!doc.get("kind").equals(kind + "Binding")) {
        continue;
      }
      Map<String, Object> bm = (Map<String, Object>) doc.get("metadata");
      Map<String, Object> ref = (Map<String, Object>) doc.get("roleRef");
      List<Map<String, Object>> subjects = (List<Map<String, Object>>) doc.get("subjects");
      if (ref.get("name").equals(meta.get("name"))
          && java.util.Objects.equals(bm.get("namespace"), meta.get("namespace"))
          && subjects.equals(List.of(Map.of("kind", "ServiceAccount", "name", "chaos-runner",
              "namespace", runnerNamespace)))) {
        return true;
      }
    }
    return false;
  }
}
