package dev.chaos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `bin/chaos`, run on a copy of itself beside a stand-in jar whose main class prints its working
 * directory and arguments: it runs from any directory and through links, keeps relative paths
 * meaning what they meant to the caller, makes its class archive (or AOT cache) after the
 * first run, uses it from then on, and stops using it once the jar is rebuilt.
 */
class LauncherTest {
  private static final String MAIN = "dev.chaos.cli.Main";
  @TempDir
  Path project;
  @TempDir
  Path elsewhere;
  private Path launcher;
  private Path jar;

  @BeforeEach
  void standInProject() throws IOException {
    launcher = project.resolve("bin/chaos");
    Files.createDirectories(launcher.getParent());
    Files.copy(Path.of("bin/chaos"), launcher);
    launcher.toFile().setExecutable(true);
    jar = project.resolve("target/chaos.jar");
    Files.createDirectories(jar.getParent());
    writeProbeJar(jar);
  }

  @Test
  void relativePathsKeepTheirMeaningWhereverTheLauncherIsCalledFrom() throws Exception {
    Run run = run(elsewhere, List.of(launcher.toString(), "check", "x.chaos", "a b.chaos"), Map.of());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("dir=" + elsewhere.toRealPath(), "args=check|x.chaos|a b.chaos");
  }

  @Test
  void aLinkToTheLauncherFindsTheJarBesideTheLauncher() throws Exception {
    Path link = elsewhere.resolve("chaos");
    Files.createSymbolicLink(link, launcher);
    Run run = run(elsewhere, List.of("./chaos", "fmt", "-"), Map.of());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("args=fmt|-");
  }

  @Test
  void withoutTheJarItSaysHowToBuildIt() throws Exception {
    Files.delete(jar);
    Run run = run(elsewhere, List.of(launcher.toString(), "check"), Map.of());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("chaos.jar not found", "mvn -B package -DskipTests");
  }

  @Test
  void theFirstRunMakesAnArchiveThatLaterRunsUseUntilTheJarIsRebuilt() throws Exception {
    Map<String, String> logClasses = Map.of("JAVA_OPTS", "-Xlog:class+load=info");
    Run first = run(elsewhere, List.of(launcher.toString(), "check", "x.chaos"), logClasses);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(probeSource(first)).doesNotContain("shared objects file");
    Path archive = awaitArchive();

    Run second = run(elsewhere, List.of(launcher.toString(), "check", "x.chaos"), logClasses);
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(probeSource(second)).as("made %s", archive).contains("shared objects file");

    // a rebuilt jar (made after the archive): the archive is not used, and a new one is made
    Files.setLastModifiedTime(archive, FileTime.from(
        Files.getLastModifiedTime(jar).toInstant().minusSeconds(60)));
    Run rebuilt = run(elsewhere, List.of(launcher.toString(), "check", "x.chaos"), logClasses);
    assertThat(rebuilt.exitCode()).as(rebuilt.output()).isZero();
    assertThat(probeSource(rebuilt)).doesNotContain("shared objects file");
    await("an archive newer than the rebuilt jar").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Files.exists(archive)
            && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0);
  }

  @Test
  void chaosOwnJarComesFirstAndNoPluginIsLookedForWithoutChaosClasspath() throws Exception {
    Path own = jar.resolveSibling("original-chaos.jar");
    writeProbeJar(own);
    Files.setLastModifiedTime(own, FileTime.from(
        Files.getLastModifiedTime(jar).toInstant().minusSeconds(5)));
    Run run = run(elsewhere, List.of(launcher.toString(), "check"), Map.of("CHAOS_CDS", "0"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("classpath=" + own.toRealPath() + ":" + jar.toRealPath(),
        "builtInOnly=true");

    // a leftover of an older build, newer than the jar: not used
    Files.setLastModifiedTime(own, FileTime.from(
        Files.getLastModifiedTime(jar).toInstant().plusSeconds(5)));
    Run stale = run(elsewhere, List.of(launcher.toString(), "check"), Map.of("CHAOS_CDS", "0"));
    assertThat(stale.output()).contains("classpath=" + jar.toRealPath() + "\n");
  }

  @Test
  void pluginsOnChaosClasspathAreLookedForAndRunWithoutAnArchive() throws Exception {
    Run run = run(elsewhere, List.of(launcher.toString(), "check"),
        Map.of("CHAOS_CLASSPATH", "/opt/plugins/tally.jar"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains(
        "classpath=" + jar.toRealPath() + ":/opt/plugins/tally.jar", "builtInOnly=null");
    Thread.sleep(2000); // a background training, were one started, would have written its files by now
    assertThat(archives()).isEmpty();
  }

  @Test
  void noArchiveIsMadeOrUsedWhenAskedNotTo() throws Exception {
    Run run = run(elsewhere, List.of(launcher.toString(), "check"), Map.of("CHAOS_CDS", "0"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    Thread.sleep(2000); // a background training, were one started, would have written its files by now
    assertThat(archives()).isEmpty();
  }

  /** The class-loading log line of the probe's main class: where the JVM took it from. */
  private static String probeSource(Run run) {
    return run.output().lines().filter(l -> l.contains(MAIN + " source:"))
        .findFirst().orElseThrow(() -> new AssertionError("no load of the probe in:\n" + run.output()));
  }

  private Path awaitArchive() throws IOException {
    await("the archive or AOT cache of the first run").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250)).until(() -> !archives().isEmpty());
    return archives().get(0);
  }

  private List<Path> archives() throws IOException {
    try (Stream<Path> files = Files.list(jar.getParent())) {
      return files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith("chaos-") && !name.contains(".tmp")
            && (name.endsWith(".jsa") || name.endsWith(".aot"));
      }).toList();
    }
  }

  private record Run(int exitCode, String output) {}

  /** Runs with the JVM that runs the tests, as the launcher finds one through JAVA_HOME. */
  private static Run run(Path dir, List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().remove("CHAOS_JAVA");
    builder.environment().remove("JAVA_OPTS");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    return new Run(p.exitValue(), output);
  }

  /**
   * A jar of the probe alone, renamed to the main class the launcher names: an archive can only
   * be made of classes from jars.
   */
  private static void writeProbeJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    byte[] probe = new ByteBuddy().redefine(LauncherProbe.class).name(MAIN).make().getBytes();
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry(MAIN.replace('.', '/') + ".class"));
      out.write(probe);
      out.closeEntry();
    }
  }
}
