package dev.chaos.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.DriverTableLint;
import dev.chaos.spi.Effect;
import dev.chaos.spi.NamedRecords;
import dev.chaos.spi.Param;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DriverTablesTest {
  private static final DriverRegistry REGISTRY = DriverRegistry.load();

  /** The reserved words of contract section 3: a core function cannot be called by one of them. */
  private static final Set<String> RESERVED = Set.of("import", "fn", "action", "runbook", "let",
      "expect", "wait", "until", "every", "within", "else", "if", "for", "in", "record", "log",
      "fail", "true", "false", "and", "or", "not");

  @Test
  void everyDriverOfTheServiceFileLoads() {
    assertThat(REGISTRY.drivers().stream().map(Driver::namespace))
        .containsExactly("", "argo", "http", "k8s", "notify", "postgres", "prometheus", "redis",
            "shell");
  }

  @Test
  void tablesAreWellFormed() {
    assertThat(DriverTableLint.problems(REGISTRY.drivers())).isEmpty();
  }

  /** Contract section 7, the first catalogue: each of these must exist. */
  @Test
  void theContractCatalogueIsProvided() {
    List<String> catalogue = List.of(
        "k8s.selector", "k8s.pods", "k8s.kill_pods", "k8s.apply", "k8s.delete", "k8s.delete_all",
        "k8s.get", "k8s.count", "k8s.scale", "k8s.rollout_restart", "k8s.hpa", "k8s.events",
        "prometheus.scalar", "prometheus.vector", "prometheus.alerts", "prometheus.ready",
        "redis.ping", "redis.get", "redis.set", "redis.dbsize", "redis.info", "redis.master",
        "redis.failover", "redis.replicaof_no_one", "redis.flushall",
        "postgres.scalar", "postgres.connections", "postgres.replication_lag",
        "postgres.hold_connections", "postgres.terminate", "http.get", "http.post",
        "notify.send", "shell.run", "now", "env", "secret", "file", "seconds", "percent", "len",
        "min", "max", "string", "int");
    Set<String> provided = REGISTRY.drivers().stream().flatMap(d -> d.builtins().stream())
        .map(Builtin::qualifiedName).collect(Collectors.toSet());
    assertThat(provided).containsAll(catalogue);
  }

  @Test
  void mutatingCallsStateTheirInverseOrWhyThereIsNone() {
    for (Driver d : REGISTRY.drivers()) {
      for (Builtin b : d.builtins()) {
        if (b.effect() == Effect.MUTATE && !b.hasInverse()) {
          assertThat(b.doc()).as(b.qualifiedName()).contains(SignatureTable.NO_INVERSE);
        } else {
          assertThat(b.doc()).as(b.qualifiedName()).doesNotContain(SignatureTable.NO_INVERSE);
        }
      }
    }
  }

  /** Multi-cluster runbooks (the seed's region failure) reach every Kubernetes call this way. */
  @Test
  void everyKubernetesFunctionTakesAnOptionalNamedCluster() {
    for (String ns : List.of("k8s", "argo")) {
      for (Builtin b : REGISTRY.driver(ns).builtins()) {
        Param cluster = b.signature().namedParams().stream()
            .filter(p -> p.name().equals("cluster")).findFirst().orElse(null);
        assertThat(cluster).as(b.qualifiedName() + " cluster:").isNotNull();
        assertThat(cluster.required()).isFalse();
        assertThat(cluster.type()).isEqualTo(Type.STRING);
      }
    }
  }

  @Test
  void coreFunctionNamesAreNotReservedWords() {
    assertThat(REGISTRY.driver("").builtins()).extracting(Builtin::name)
        .doesNotContainAnyElementsOf(RESERVED);
  }

  @Test
  void readOnlySectionsCanUseWhatTheExamplesReadThere() {
    for (String name : List.of("k8s.pods", "k8s.events", "k8s.hpa", "prometheus.scalar",
        "prometheus.alerts", "redis.ping", "redis.master", "redis.get", "postgres.connections",
        "postgres.replication_lag", "http.get", "len", "now", "percent", "seconds")) {
      String[] parts = name.contains(".") ? name.split("\\.") : new String[] {"", name};
      assertThat(REGISTRY.builtin(parts[0], parts[1]).effect()).as(name).isEqualTo(Effect.READ);
    }
  }

  @Test
  void killPodsTakesExactlyOneOfFractionAndCount() {
    Builtin kill = REGISTRY.builtin("k8s", "kill_pods");
    assertThat(kill.effect()).isEqualTo(Effect.MUTATE);
    assertThat(kill.signature().exactlyOneOf()).containsExactly(List.of("fraction", "count"));
    assertThat(kill.signature().result()).isEqualTo(Type.list(Type.STRING));
  }

  @Test
  void notifyIsAMutationSoDryRunsAndGuardsNeverPagePeople() {
    assertThat(REGISTRY.builtin("notify", "send").effect()).isEqualTo(Effect.MUTATE);
  }

  @Test
  void shellRunTakesAnyNumberOfArgumentsIncludingNone() {
    var sig = REGISTRY.builtin("shell", "run").signature();
    assertThat(sig.variadic()).isTrue();
    // the variadic tail is optional, so `shell.run("./scripts/backup-all-services.sh")` binds
    assertThat(sig.positional().get(sig.positional().size() - 1).required()).isFalse();
  }

  @Test
  void recordTypesAreSharedByName() {
    assertThat(NamedRecords.of(REGISTRY.drivers())).containsOnlyKeys("Address", "Alert", "Hpa",
        "PodSet", "Response", "Result", "Sample", "Selector", "Usage");
    assertThat(NamedRecords.of(REGISTRY.drivers()).get("PodSet")).isSameAs(RecordTypes.POD_SET);
  }
}
