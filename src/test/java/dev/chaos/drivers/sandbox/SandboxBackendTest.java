package dev.chaos.drivers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.spi.Backend;
import dev.chaos.spi.BackendProvider;
import dev.chaos.spi.SandboxRequest;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.Effect;
import dev.chaos.types.Conformance;
import dev.chaos.types.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox backend against the signature tables: every builtin has an implementation, and a
 * sample call of each returns exactly the table's result type, for real and in a dry run.
 */
@Timeout(30)
class SandboxBackendTest {
  private static final DriverRegistry REGISTRY = DriverRegistry.load();

  @TempDir
  Path runbookDir;

  private List<Builtin> builtins() {
    return REGISTRY.drivers().stream().flatMap(d -> d.builtins().stream()).toList();
  }

  private SandboxBackend open() throws IOException {
    Files.writeString(runbookDir.resolve(BuiltinSamples.FILE_NAME), "kind: ConfigMap\n");
    return new SandboxBackend(WorldLoader.create(BuiltinSamples.world()), runbookDir);
  }

  @Test
  void theProviderIsFoundByNameAndOpensTheDefaultWorld() throws Exception {
    BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("sandbox")).findFirst()
        .orElseThrow();
    Files.writeString(runbookDir.resolve("podchaos.yaml"), "kind: PodChaos\n");
    try (Backend backend = provider.open(
        new SandboxRequest(runbookDir, Optional.empty()))) {
      assertThat(backend.clock().now()).hasToString("2025-01-06T03:00:00Z");
      TestCallContext c = TestCallContext.of((SandboxBackend) backend);
      assertThat(c.call("file", "path", Value.str("podchaos.yaml")))
          .isEqualTo(Value.str("kind: PodChaos\n"));
      assertThat(c.call("k8s.pods", "selector", BuiltinSamples.BACKEND))
          .extracting(v -> ((Value.Rec) v).field("ready")).isEqualTo(Value.integer(5));
    }
  }

  @Test
  void theProviderReadsAWorldFileAndNamesItsMistakes() throws Exception {
    BackendProvider provider = new SandboxBackendProvider();
    Path world = runbookDir.resolve("world.yaml");
    Files.writeString(world, "start: 2025-03-03T02:30:00Z\n");
    try (Backend backend = provider.open(new SandboxRequest(runbookDir, Optional.of(world)))) {
      assertThat(backend.clock().now()).hasToString("2025-03-03T02:30:00Z");
    }
    Files.writeString(world, "redis: {failover_tme: 3s}\n");
    assertThatThrownBy(() -> provider.open(new SandboxRequest(runbookDir, Optional.of(world))))
        .isInstanceOf(WorldFileException.class).hasMessageContaining("failover_tme");
  }

  @Test
  void everyBuiltinOfEveryDriverHasASandboxImplementationAndNothingElseDoes() throws IOException {
    SandboxBackend backend = open();
    List<String> names = builtins().stream().map(Builtin::qualifiedName).toList();
    assertThat(names.stream().filter(n -> backend.impl(n) == null)).isEmpty();
    assertThat(backend.names()).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void everyBuiltinHasASampleCall() {
    assertThat(BuiltinSamples.all().keySet()).containsExactlyInAnyOrderElementsOf(
        builtins().stream().map(Builtin::qualifiedName).toList());
  }

  @Test
  void aSampleCallOfEveryBuiltinReturnsExactlyItsResultType() throws Exception {
    SandboxBackend backend = open();
    TestCallContext c = TestCallContext.of(backend);
    List<String> mismatches = new ArrayList<>();
    for (Builtin b : builtins()) {
      Value result = c.call(b.qualifiedName(), BuiltinSamples.all().get(b.qualifiedName()));
      String mismatch = Conformance.mismatch(result, b.signature().result());
      if (mismatch != null) {
        mismatches.add(b.qualifiedName() + ": " + mismatch);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** Only calls whose table declares an inverse register one, and each of them does. */
  @Test
  void exactlyTheMutationsWithAnInverseRegisterAnUndo() throws Exception {
    SandboxBackend backend = open();
    List<String> registering = new ArrayList<>();
    for (Builtin b : builtins()) {
      TestCallContext c = TestCallContext.of(backend);
      c.call(b.qualifiedName(), BuiltinSamples.all().get(b.qualifiedName()));
      if (!c.undos().isEmpty()) {
        registering.add(b.qualifiedName());
      }
    }
    assertThat(registering).containsExactlyInAnyOrderElementsOf(builtins().stream()
        .filter(Builtin::hasInverse).map(Builtin::qualifiedName).toList());
  }

  @Test
  void aDryRunChangesNothingRegistersNothingAndSaysWhatItWouldDo() throws Exception {
    SandboxBackend backend = open();
    // the workflow that argo.phase and argo.terminate name, submitted for real
    TestCallContext.of(backend).call("argo.submit", BuiltinSamples.all().get("argo.submit"));
    String before = fingerprint(backend);
    List<String> mismatches = new ArrayList<>();
    for (Builtin b : builtins()) {
      if (b.effect() != Effect.MUTATE) {
        continue;
      }
      TestCallContext c = new TestCallContext(backend, 30.0, true);
      Value result = c.call(b.qualifiedName(), BuiltinSamples.all().get(b.qualifiedName()));
      String mismatch = Conformance.mismatch(result, b.signature().result());
      if (mismatch != null) {
        mismatches.add(b.qualifiedName() + ": " + mismatch);
      }
      assertThat(c.undos()).as(b.qualifiedName()).isEmpty();
      assertThat(c.previews).as(b.qualifiedName() + " answered a dry run without a preview")
          .hasSize(1);
    }
    assertThat(mismatches).isEmpty();
    assertThat(fingerprint(backend)).isEqualTo(before);
  }

  /** The undo a dry run announces is the one the real call registers, word for word. */
  @Test
  void aDryRunNamesTheUndoTheRealCallWouldRegister() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (Builtin b : builtins()) {
      if (b.effect() != Effect.MUTATE) {
        continue;
      }
      SandboxBackend backend = open();
      if (!b.qualifiedName().equals("argo.submit")) { // the workflow argo.terminate names
        TestCallContext.of(backend).call("argo.submit", BuiltinSamples.all().get("argo.submit"));
      }
      TestCallContext dry = new TestCallContext(backend, 30.0, true);
      dry.call(b.qualifiedName(), BuiltinSamples.all().get(b.qualifiedName()));
      TestCallContext real = new TestCallContext(backend, 30.0, false);
      real.call(b.qualifiedName(), BuiltinSamples.all().get(b.qualifiedName()));
      String registered = String.join("; ", real.undos().stream()
          .map(TestCallContext.Registered::description).toList());
      if (!dry.previews.get(0).undo().equals(registered)) {
        mismatches.add(b.qualifiedName() + ": previewed `" + dry.previews.get(0).undo()
            + "`, registered `" + registered + "`");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** What the mutating builtins could change in the world, as text. */
  private static String fingerprint(SandboxBackend backend) {
    World w = backend.world();
    K8sWorld k8s = w.k8s("");
    StringBuilder out = new StringBuilder();
    for (String labels : List.of("tier=backend", "app=graphql-gateway")) {
      Results.PodSet pods = k8s.pods(k8s.selector("llm-marketplace", labels));
      out.append(labels).append(pods.names()).append(pods.ready()).append('\n');
      out.append(k8s.get("deployment", labels.equals("tier=backend") ? "backend"
          : "graphql-gateway", "llm-marketplace")).append('\n');
    }
    out.append(k8s.rolloutComplete("deployment", "graphql-gateway", "llm-marketplace"));
    for (String kind : List.of("podchaos", "workflow", "configmap")) {
      out.append(kind).append(k8s.count(kind, "chaos-testing", "")).append('\n');
    }
    out.append(w.argo("").running("chaos-testing")).append('\n');
    out.append(w.redis().dbsize()).append(w.redis().get("session:count"))
        .append(w.redis().exists("chaos:marker")).append(w.redis().master("mymaster"))
        .append(w.redis().info("replication")).append('\n');
    out.append(w.postgres().connections(null, null)).append('\n');
    out.append(w.notifications().sent()).append(w.shell().ran()).append('\n');
    out.append(w.chaosStartedAt()).append(w.disrupted());
    return out.toString();
  }

  @Test
  void aVariadicArgumentReachesTheWorldWhetherBoundByNameOrInTheRest() throws Exception {
    SandboxBackend backend = open();
    TestCallContext c = TestCallContext.of(backend);
    c.call("shell.run", new CallArgs(Map.of("cmd", Value.str("./scripts/smoke-tests.sh"),
        "args", Value.str("--suite")), List.of(Value.str("critical"), Value.str("-v"))));
    assertThat(backend.world().shell().ran()).containsExactly(
        List.of("./scripts/smoke-tests.sh", "--suite", "critical", "-v"));
  }
}
