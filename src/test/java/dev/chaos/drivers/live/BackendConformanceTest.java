package dev.chaos.drivers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.config.ChaosConfig;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.SharedServices;
import dev.chaos.drivers.core.CoreImpls;
import dev.chaos.drivers.core.CoreSources;
import dev.chaos.drivers.sandbox.SandboxBackend;
import dev.chaos.drivers.sandbox.WorldLoader;
import dev.chaos.spi.Backend;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Driver;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.LiveBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every backend against the signature tables, which join implementations by name: each
 * binds exactly its table's rows, no more and no fewer. (That every result conforms to its
 * declared type the interpreter checks on every call, in `runtime.Calls`; the sandbox's sample
 * calls in SandboxBackendTest and the lab tests exercise it.)
 */
class BackendConformanceTest {
  private static final DriverRegistry REGISTRY = DriverRegistry.load();

  @TempDir
  Path dir;

  /** An environment with every section, on closed ports: binding connects nothing. */
  private EnvironmentConfig everySection() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        current-context: lab
        clusters: [{name: lab, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: lab, user: {token: t}}]
        contexts: [{name: lab, context: {cluster: lab, user: lab}}]
        """);
    Path config = dir.resolve("chaos.yaml");
    Files.writeString(config, """
        environments:
          lab:
            class: dev
            kubernetes: {context: lab, kubeconfig: %s}
            prometheus: {url: "http://127.0.0.1:1"}
            redis: {address: "127.0.0.1:1"}
            postgres: {url: "jdbc:postgresql://127.0.0.1:1/chaos", user: chaos}
            notify: {webhook: "http://127.0.0.1:1/hook"}
            http: {connect_to: {"a:80": "127.0.0.1:1"}}
        """.formatted(kubeconfig));
    return ChaosConfig.load(config).environment("lab");
  }

  private static List<String> rows(Driver driver) {
    return driver.builtins().stream().map(Builtin::qualifiedName).toList();
  }

  @Test
  void everyLiveBindingBindsExactlyItsTablesRows() throws Exception {
    EnvironmentConfig environment = everySection();
    List<String> mismatches = new ArrayList<>();
    try (SharedServices services = new SharedServices()) {
      services.shareValue(EnvironmentConfig.class, environment);
      services.shareValue(KubectlFlags.class, KubectlFlags.NONE);
      services.shareValue(Secrets.class, new Secrets(Map.of(), Files::readString));
      // every binding prepares (and shares) before any binds, as in a run
      Map<Driver, DriverBinder> binders = new java.util.LinkedHashMap<>();
      for (Driver driver : REGISTRY.drivers()) {
        Optional<LiveBinding> binding = driver.live();
        if (binding.isPresent()) {
          binders.put(driver, binding.get().prepare(new LiveDriverSetup(dir, environment,
              binding.get().section(), services)));
        } else if (!driver.namespace().isEmpty()) {
          mismatches.add(driver.namespace() + ": no live binding");
        }
      }
      for (Driver driver : REGISTRY.drivers()) {
        Map<String, BuiltinImpl> bound = new HashMap<>();
        if (driver.namespace().isEmpty()) {
          bound.putAll(CoreImpls.create(CoreSources.process(dir)));
        } else if (binders.containsKey(driver)) {
          AutoCloseable opened = binders.get(driver).bind(bound);
          if (opened != null) {
            opened.close();
          }
        }
        if (!bound.keySet().equals(new java.util.HashSet<>(rows(driver)))) {
          mismatches.add(driver.namespace() + ": binds " + new java.util.TreeSet<>(bound.keySet())
              + ", its table has " + rows(driver));
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void theLiveBackendHasAnImplementationForEveryRowAndNullForAnythingElse() throws Exception {
    try (Backend backend = new LiveBackendProvider().open(
        new LiveRequest(dir, everySection(), KubectlFlags.NONE))) {
      for (Driver driver : REGISTRY.drivers()) {
        for (String name : rows(driver)) {
          assertThat(backend.impl(name)).as(name).isNotNull();
        }
      }
      assertThat(backend.impl("redis.no_such_call")).isNull();
      assertThat(backend.impl("nosuchdriver.call")).isNull();
      assertThat(backend.impl("no_such_function")).isNull();
    }
  }

  @Test
  void theSandboxBindsExactlyEveryRowOfEveryTable() throws Exception {
    SandboxBackend sandbox = new SandboxBackend(WorldLoader.defaultWorld(), dir);
    List<String> all = REGISTRY.drivers().stream().flatMap(d -> rows(d).stream()).toList();
    assertThat(sandbox.names()).containsExactlyInAnyOrderElementsOf(all);
    assertThat(sandbox.impl("redis.no_such_call")).isNull();
  }
}
