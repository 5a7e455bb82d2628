package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.diag.Diagnostics;
import dev.chaos.diag.TextRenderer;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled modules checked once and shared change nothing that a check reports. */
class PrecheckedStdlibTest {
  private static final DriverRegistry DRIVERS = DriverRegistry.load();

  @Test
  void theListIsTheStdlibFolder() throws IOException {
    List<String> onDisk;
    try (Stream<Path> files = Files.list(Path.of("stdlib"))) {
      onDisk = files.map(p -> "stdlib/" + p.getFileName())
          .filter(p -> p.endsWith(".chaos")).sorted().toList();
    }
    assertThat(PrecheckedStdlib.BUNDLED).containsExactlyInAnyOrderElementsOf(onDisk);
  }

  @Test
  void everyFileGetsTheSameReportWithTheSharedModules() throws IOException {
    List<Path> inputs = new ArrayList<>();
    for (String dir : List.of("runbooks", "stdlib", "src/test/resources/check",
        "src/test/resources/contract-examples")) {
      try (Stream<Path> files = Files.walk(Path.of(dir))) {
        files.filter(p -> p.toString().endsWith(".chaos")).sorted().forEach(inputs::add);
      }
    }
    assertThat(inputs).hasSizeGreaterThan(100);
    PrecheckedStdlib plain = PrecheckedStdlib.start(() -> DRIVERS, new CheckOptions(false));
    PrecheckedStdlib strict = PrecheckedStdlib.start(() -> DRIVERS, new CheckOptions(false, true));
    PrecheckedStdlib asProd = PrecheckedStdlib.start(() -> DRIVERS, new CheckOptions(true));
    int importing = 0;
    for (Path input : inputs) {
      String text = Files.readString(input, StandardCharsets.UTF_8);
      CheckOptions options = new CheckOptions(text.startsWith("// check: --as prod"),
          text.startsWith("// check: --strict"));
      PrecheckedStdlib stdlib = options.strict() ? strict : options.asProd() ? asProd : plain;
      SourceFile file = new SourceFile(input.toString(), text);
      Diagnostics alone = new Diagnostics();
      new Checker(() -> DRIVERS, options).check(file, alone);
      Diagnostics shared = new Diagnostics();
      CheckedProgram program = new Checker(() -> DRIVERS, options, stdlib).check(file, shared);
      assertThat(render(shared, file)).as(input.toString()).isEqualTo(render(alone, file));
      CheckedProgram slo = program.modules().get("slo");
      if (slo != null && slo.source().path().equals("stdlib/slo.chaos")) {
        assertThat(slo).as(input + ": the shared module")
            .isSameAs(stdlib.module(slo.source().path()));
        importing++;
      }
    }
    assertThat(importing).as("files that import the bundled slo").isGreaterThan(5);
  }

  @Test
  void eachModuleComesAfterThoseItImports() {
    for (int i = 0; i < PrecheckedStdlib.BUNDLED.size(); i++) {
      String path = PrecheckedStdlib.BUNDLED.get(i);
      Diagnostics sink = new Diagnostics();
      CheckedProgram module = new Checker(() -> DRIVERS, CheckOptions.defaults())
          .checkBundled(path, sink);
      for (CheckedProgram imported : module.modules().values()) {
        assertThat(PrecheckedStdlib.BUNDLED.subList(0, i)).as(path + " imports it")
            .contains(imported.source().path());
      }
    }
  }

  @Test
  void fromAModuleWithAProblemOnNoneIsSharedAndTheyAreLoadedAsBefore() {
    PrecheckedStdlib broken = PrecheckedStdlib.start(() -> DRIVERS, CheckOptions.defaults(),
        List.of("stdlib/experiments.chaos", "precheck/broken.chaos", "stdlib/slo.chaos"));
    assertThat(broken.module("stdlib/experiments.chaos")).as("clean, checked before")
        .isNotNull();
    assertThat(broken.module("stdlib/slo.chaos")).isNull();
    assertThat(broken.module("precheck/broken.chaos")).isNull();
    PrecheckedStdlib clean = PrecheckedStdlib.start(() -> DRIVERS, CheckOptions.defaults(),
        List.of("stdlib/slo.chaos"));
    assertThat(clean.module("stdlib/slo.chaos")).isNotNull();
    assertThat(clean.module("stdlib/signals.chaos")).as("not asked for").isNull();
  }

  private static String render(Diagnostics sink, SourceFile file) {
    return new TextRenderer(false).render(sink.sorted(), List.of(file));
  }
}
