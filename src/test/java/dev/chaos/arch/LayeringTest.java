package dev.chaos.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.chaos.spi.Driver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the layering of docs/architecture.md: a lower layer never imports a higher one. */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.chaos");
  }

  @Test
  void layersOnlyLookDown() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("units").definedBy("dev.chaos.units..")
        .layer("source").definedBy("dev.chaos.source..")
        .layer("diag").definedBy("dev.chaos.diag..")
        .layer("syntax").definedBy("dev.chaos.syntax..")
        .layer("format").definedBy("dev.chaos.format..")
        .layer("types").definedBy("dev.chaos.types..")
        .layer("spi").definedBy("dev.chaos.spi..")
        .layer("check").definedBy("dev.chaos.check..")
        .layer("runtime").definedBy("dev.chaos.runtime..")
        .layer("config").definedBy("dev.chaos.config..")
        .layer("drivers").definedBy("dev.chaos.drivers..")
        .layer("deploy").definedBy("dev.chaos.deploy..")
        .layer("cli").definedBy("dev.chaos.cli..")
        .layer("lsp").definedBy("dev.chaos.lsp..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("lsp").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("deploy").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("drivers").mayOnlyBeAccessedByLayers("deploy", "cli")
        .whereLayer("config").mayOnlyBeAccessedByLayers("drivers", "deploy", "cli")
        .whereLayer("runtime").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("check").mayOnlyBeAccessedByLayers("runtime", "deploy", "cli", "lsp")
        .whereLayer("spi")
        .mayOnlyBeAccessedByLayers("check", "runtime", "config", "drivers", "deploy", "cli",
            "lsp")
        .whereLayer("format").mayOnlyBeAccessedByLayers("cli", "lsp")
        .whereLayer("syntax")
        .mayOnlyBeAccessedByLayers("check", "runtime", "format", "deploy", "cli", "lsp")
        .whereLayer("types")
        .mayOnlyBeAccessedByLayers("spi", "check", "runtime", "config", "drivers", "cli", "lsp")
        .whereLayer("diag").mayOnlyBeAccessedByLayers("syntax", "format", "spi", "check",
            "runtime", "config", "drivers", "cli", "lsp")
        .check(classes);
  }

  @Test
  void sourceDependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage("dev.chaos.source..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.chaos.diag..", "dev.chaos.syntax..", "dev.chaos.types..", "dev.chaos.spi..",
            "dev.chaos.check..", "dev.chaos.runtime..", "dev.chaos.drivers..", "dev.chaos.cli..")
        .check(classes);
  }

  /** Durations, percentages and quantities: the bottom layer, which every reader may use. */
  @Test
  void unitsDependOnNothingOfOurs() {
    noClasses().that().resideInAPackage("dev.chaos.units..")
        .should().dependOnClassesThat().resideOutsideOfPackages("dev.chaos.units..", "java..")
        .check(classes);
  }

  /** The config file is read before any driver runs and knows nothing of the language. */
  @Test
  void configSeesOnlyTheLowerLayers() {
    noClasses().that().resideInAPackage("dev.chaos.config..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.chaos.syntax..", "dev.chaos.check..", "dev.chaos.runtime..",
            "dev.chaos.drivers..", "dev.chaos.cli..")
        .check(classes);
  }

  /**
   * Drivers see the SPI (and, for now, config's typed targets: moving each target into its
   * driver's package, parsed from its own section, would let this rule forbid config too).
   */
  @Test
  void driversSeeOnlyTheSpi() {
    noClasses().that().resideInAPackage("dev.chaos.drivers..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.chaos.syntax..", "dev.chaos.check..", "dev.chaos.runtime..", "dev.chaos.cli..")
        .allowEmptyShould(true)
        .check(classes);
  }

  /**
   * The Kubernetes rules both backends share (label selectors, the kind table) hold without a
   * client library, so the sandbox and the checker use them without fabric8.
   */
  @Test
  void kubernetesRulesNeedNoClientLibraryNorBackend() {
    noClasses().that().resideInAPackage("dev.chaos.drivers.kube..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.fabric8..", "okhttp3..", "dev.chaos.drivers.k8s..", "dev.chaos.drivers.sandbox..",
            "dev.chaos.drivers.live..", "dev.chaos.runtime..", "dev.chaos.config..")
        .check(classes);
  }

  /**
   * A driver is a plug-in: its package never reaches into the backends that host it (the live
   * backend, the sandbox); they find it through the SPI.
   */
  @Test
  void driverPackagesDoNotSeeTheBackends() {
    noClasses().that().resideInAPackage("dev.chaos.drivers..")
        .and().resideOutsideOfPackages("dev.chaos.drivers.live..", "dev.chaos.drivers.sandbox..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.chaos.drivers.live..", "dev.chaos.drivers.sandbox..")
        .check(classes);
  }

  /**
   * A driver package sees the other drivers only through what they share on purpose: the
   * helpers of `drivers`, the fabric8-free Kubernetes rules of `drivers.kube`, and the two
   * drivers built on another: `argo` on the k8s clients, `notify` on the http client. The sandbox
   * reads the k8s table (to apply its argument rules), never the live k8s code.
   */
  @Test
  void driverPackagesSeeEachOtherOnlyThroughWhatTheyShare() {
    Map<String, List<String>> buildsOn = Map.of("argo", List.of("k8s"), "notify", List.of("http"),
        "live", List.of("core"), "sandbox", List.of("core"));
    List<String> packages = List.of("argo", "core", "http", "k8s", "live", "notify", "postgres",
        "prometheus", "redis", "sandbox", "shell");
    for (String p : packages) {
      String[] others = packages.stream()
          .filter(o -> !o.equals(p) && !buildsOn.getOrDefault(p, List.of()).contains(o)
              && !(p.equals("sandbox") && o.equals("k8s")))
          .map(o -> "dev.chaos.drivers." + o + "..").toArray(String[]::new);
      noClasses().that().resideInAPackage("dev.chaos.drivers." + p + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .check(classes);
    }
    noClasses().that().resideInAPackage("dev.chaos.drivers.sandbox..")
        .should().dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("dev.chaos.drivers.k8s..")
                .and(DescribedPredicate.not(JavaClass.Predicates.implement(Driver.class))))
        .check(classes);
  }

  /**
   * `chaos check` loads every driver's table: a class implementing {@link Driver} names no
   * client library (its live binding is another class, built only by a run).
   */
  @Test
  void driverTablesNeedNoClientLibraries() {
    noClasses().that().implement(Driver.class)
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.fabric8..", "okhttp3..", "redis.clients..", "org.postgresql..")
        .check(classes);
  }

  /**
   * lsp4j is the language server's alone: `chaos check` loads none of it (its start-up time is
   * measured), so only `dev.chaos.lsp` names it, and the CLI reaches the server only through
   * `LspServer`, from the `lsp` command.
   */
  @Test
  void onlyTheLanguageServerUsesLsp4j() {
    noClasses().that().resideOutsideOfPackage("dev.chaos.lsp..")
        .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.lsp4j..")
        .check(classes);
    noClasses().that().resideInAPackage("dev.chaos.cli..")
        .and().doNotHaveSimpleName("LspCommand")
        .should().dependOnClassesThat().resideInAPackage("dev.chaos.lsp..")
        .check(classes);
  }

  @Test
  void syntaxNeedsNoClientLibraries() {
    noClasses().that().resideInAnyPackage("dev.chaos.source..", "dev.chaos.diag..",
            "dev.chaos.syntax..", "dev.chaos.format..", "dev.chaos.types..", "dev.chaos.spi..", "dev.chaos.check..",
            "dev.chaos.config..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.fabric8..", "okhttp3..", "redis.clients..", "org.postgresql..")
        .check(classes);
  }
}
