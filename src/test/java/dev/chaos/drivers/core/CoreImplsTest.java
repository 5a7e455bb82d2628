package dev.chaos.drivers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Clock;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.RunFacts;
import dev.chaos.spi.Undo;
import dev.chaos.spi.VirtualClock;
import dev.chaos.types.JsonTree;
import dev.chaos.types.Value;
import dev.chaos.types.ValueException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreImplsTest {
  private static final Instant T0 = Instant.parse("2025-01-06T03:00:00Z");

  @TempDir
  Path dir;

  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final VirtualClock clock = new VirtualClock(T0);

  private final CoreSources sources = new CoreSources() {
    @Override
    public String env(String name) {
      return env.get(name);
    }

    @Override
    public String secret(String name) {
      String value = secrets.get(name);
      if (value == null) {
        throw new IllegalStateException("secret `" + name + "` not found");
      }
      return value;
    }

    @Override
    public Path baseDirectory() {
      return dir;
    }
  };

  private final Map<String, BuiltinImpl> impls = CoreImpls.create(sources);

  private final CallContext context = new CallContext() {
    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public Instant deadline() {
      return clock.now().plusSeconds(10);
    }

    @Override
    public RunFacts run() {
      return new RunFacts("core", "dev", null, false);
    }

    @Override
    public void registerUndo(String description, Undo undo) {
      throw new AssertionError("a core function registered an undo");
    }

    @Override
    public void log(String line) {}
  };

  private Value call(String name, Object... namesAndValues) throws Exception {
    Map<String, Value> args = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      args.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
    }
    return impls.get(name).call(new CallArgs(args, List.of()), context);
  }

  @Test
  void everyCoreFunctionOfTheTableIsImplemented() {
    assertThat(impls.keySet()).containsExactlyElementsOf(DriverRegistry.load().driver("")
        .builtins().stream().map(b -> b.name()).toList());
  }

  @Test
  void nowIsTheClocksInstant() throws Exception {
    assertThat(call("now")).isEqualTo(new Value.Time(T0));
    clock.sleep(Duration.ofMinutes(3));
    assertThat(call("now")).isEqualTo(new Value.Time(T0.plusSeconds(180)));
  }

  @Test
  void envReadsTheSourcesThenTheDefaultElseFailsNamingTheVariable() throws Exception {
    env.put("CHAOS_NS", "llm-marketplace");
    assertThat(call("env", "name", Value.str("CHAOS_NS"))).isEqualTo(Value.str("llm-marketplace"));
    assertThat(call("env", "name", Value.str("UNSET"), "default", Value.str("x")))
        .isEqualTo(Value.str("x"));
    assertThatThrownBy(() -> call("env", "name", Value.str("UNSET")))
        .hasMessage("environment variable `UNSET` is not set in the environment of this process;"
            + " pass `default:` to do without it");
  }

  @Test
  void aSecretNeverShows() throws Exception {
    secrets.put("webhook", "hunter2");
    Value secret = call("secret", "name", Value.str("webhook"));
    assertThat(secret).isEqualTo(new Value.Secret("hunter2"));
    assertThat(secret.display()).isEqualTo("***");
    assertThat(secret.toString()).doesNotContain("hunter2");
    assertThatThrownBy(() -> call("string", "value", secret)).isInstanceOf(ValueException.class);
    assertThatThrownBy(() -> call("secret", "name", Value.str("other")))
        .hasMessage("secret `other` not found");
  }

  @Test
  void fileReadsRelativeToTheRunbooksDirectory() throws Exception {
    Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(dir.resolve("manifests/podchaos.yaml"), "kind: PodChaos\n");
    assertThat(call("file", "path", Value.str("manifests/podchaos.yaml")))
        .isEqualTo(Value.str("kind: PodChaos\n"));
    assertThatThrownBy(() -> call("file", "path", Value.str("missing.yaml")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("file `missing.yaml` not found (looked for "
            + dir.resolve("missing.yaml").toAbsolutePath() + ")");
  }

  @Test
  void jsonParsesIntoATreeAndSaysWhereTextIsBroken() throws Exception {
    Value parsed = call("json", "text", Value.str("{\"replicas\": 3, \"ratio\": 0.5,"
        + " \"tags\": [\"a\"], \"none\": null}"));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("replicas", 3L);
    expected.put("ratio", 0.5);
    expected.put("tags", List.of("a"));
    expected.put("none", null);
    assertThat(parsed).isEqualTo(JsonTree.of(expected));
    assertThatThrownBy(() -> call("json", "text", Value.str("{\"a\": }")))
        .isInstanceOf(ValueException.class).hasMessageStartingWith("invalid JSON at line 1, column 7");
    assertThatThrownBy(() -> call("json", "text", Value.str("{} {}")))
        .isInstanceOf(ValueException.class).hasMessageStartingWith("invalid JSON");
  }

  @Test
  void unitConversionsAreExactDecimals() throws Exception {
    assertThat(call("seconds", "value", Value.number(0.25)).display()).isEqualTo("250ms");
    assertThat(call("seconds", "value", Value.integer(90)).display()).isEqualTo("1m30s");
    assertThat(call("millis", "value", Value.number(1500)).display()).isEqualTo("1.5s");
    assertThat(call("millis", "value", Value.number(0.5)))
        .isEqualTo(Value.duration(Duration.ofNanos(500_000)));
    assertThat(call("to_seconds", "duration", Value.duration(Duration.ofSeconds(90))))
        .isEqualTo(Value.number(90.0));
    assertThat(call("to_millis", "duration", Value.duration(Duration.ofMillis(1500))))
        .isEqualTo(Value.number(1500.0));
    assertThat(call("percent", "ratio", Value.number(0.004))).isEqualTo(Value.percent(0.4));
    assertThat(call("percent", "ratio", Value.number(0.004)).display()).isEqualTo("0.4%");
    assertThat(call("ratio", "percent", Value.percent(0.4))).isEqualTo(Value.number(0.004));
    assertThatThrownBy(() -> call("seconds", "value", Value.number(Double.NaN)))
        .isInstanceOf(ValueException.class);
    assertThatThrownBy(() -> call("seconds", "value", Value.number(1e300)))
        .isInstanceOf(ValueException.class).hasMessageContaining("out of range");
  }

  @Test
  void lenCountsElementsEntriesAndCharacters() throws Exception {
    assertThat(call("len", "value", Value.strings(List.of("a", "b", "c"))))
        .isEqualTo(Value.integer(3));
    assertThat(call("len", "value", Value.stringMap(Map.of("a", "1"))))
        .isEqualTo(Value.integer(1));
    assertThat(call("len", "value", Value.str("naïve 🙂"))).isEqualTo(Value.integer(7));
  }

  @Test
  void minAndMaxOrderNumbersDurationsAndPercents() throws Exception {
    assertThat(call("min", "a", Value.integer(3), "b", Value.integer(2)))
        .isEqualTo(Value.integer(2));
    assertThat(call("max", "a", Value.integer(3), "b", Value.number(3.5)))
        .isEqualTo(Value.number(3.5));
    assertThat(call("max", "a", Value.integer(4), "b", Value.number(3.5)))
        .as("an Int meeting a Float is a Float").isEqualTo(Value.number(4.0));
    assertThat(call("max", "a", Value.duration(Duration.ofSeconds(30)),
        "b", Value.duration(Duration.ofMinutes(1))))
        .isEqualTo(Value.duration(Duration.ofMinutes(1)));
    assertThat(call("min", "a", Value.percent(5), "b", Value.percent(0.5)))
        .isEqualTo(Value.percent(0.5));
    assertThatThrownBy(() -> call("min", "a", Value.TRUE, "b", Value.FALSE))
        .isInstanceOf(ValueException.class).hasMessage("cannot order Bool and Bool");
  }

  @Test
  void containsAndMatches() throws Exception {
    Value names = Value.strings(List.of("backend-1", "backend-2"));
    assertThat(call("contains", "items", names, "item", Value.str("backend-2")))
        .isEqualTo(Value.TRUE);
    assertThat(call("contains", "items", Value.list(Value.integer(1)), "item", Value.number(1.0)))
        .as("an Int equals the Float of the same number").isEqualTo(Value.TRUE);
    assertThat(call("matches", "text", Value.str("role:master"), "pattern", Value.str("mast")))
        .isEqualTo(Value.TRUE);
    assertThat(call("matches", "text", Value.str("role:slave"), "pattern", Value.str("^master")))
        .isEqualTo(Value.FALSE);
    assertThatThrownBy(() -> call("matches", "text", Value.str("x"), "pattern", Value.str("(")))
        .isInstanceOf(ValueException.class)
        .hasMessage("invalid regular expression `(`: Unclosed group at index 1");
  }

  @Test
  void conversionsOutOfJson() throws Exception {
    assertThat(call("string", "value", JsonTree.of("ok"))).isEqualTo(Value.str("ok"));
    assertThat(call("string", "value", Value.percent(30))).isEqualTo(Value.str("30%"));
    assertThat(call("int", "value", JsonTree.of("42"))).isEqualTo(Value.integer(42));
    assertThat(call("int", "value", Value.number(2.9))).isEqualTo(Value.integer(2));
    assertThat(call("float", "value", JsonTree.of(3L))).isEqualTo(Value.number(3.0));
    assertThat(call("bool", "value", JsonTree.of("true"))).isEqualTo(Value.TRUE);
    assertThatThrownBy(() -> call("int", "value", JsonTree.of("forty")))
        .isInstanceOf(ValueException.class).hasMessageContaining("not a number");
  }
}
