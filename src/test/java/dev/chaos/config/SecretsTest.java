package dev.chaos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  static final String F = "/srv/chaos/chaos.yaml:";

  static EnvironmentConfig staging() throws ConfigException {
    return ChaosConfigTest.parse(ChaosConfigTest.FULL).environment("staging");
  }

  @Test
  void readsAnEnvironmentVariable() throws Exception {
    SecretRef ref = staging().requirePostgres().password().get();
    assertEquals("s3cret", Secrets.resolve(ref, Map.of("PG_PASSWORD", "s3cret"), noFiles()));
  }

  @Test
  void anUnsetVariableNamesTheKey() throws Exception {
    SecretRef ref = staging().requirePostgres().password().get();
    ConfigException e = assertThrows(ConfigException.class,
        () -> Secrets.resolve(ref, Map.of(), noFiles()));
    assertEquals(F + "22:17: `environments.staging.postgres.password`: environment variable"
        + " `PG_PASSWORD` is not set", e.getMessage());
  }

  @Test
  void anEmptyVariableIsAnError() throws Exception {
    SecretRef ref = staging().requirePostgres().password().get();
    ConfigException e = assertThrows(ConfigException.class,
        () -> new Secrets(Map.of("PG_PASSWORD", ""), noFiles()).resolve(ref));
    assertEquals(F + "22:17: `environments.staging.postgres.password`: environment variable"
        + " `PG_PASSWORD` is empty", e.getMessage());
  }

  @Test
  void readsAFileRelativeToTheConfigAndDropsOneNewline(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chaos.yaml");
    Files.writeString(file, ChaosConfigTest.FULL);
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/redis"), "r3dis\n");
    SecretRef ref = ChaosConfig.load(file).environment("staging").requireRedis().password().get();
    assertEquals("r3dis", Secrets.system().resolve(ref));
  }

  @Test
  void readsNothingUntilAsked() throws Exception {
    List<Path> reads = new ArrayList<>();
    Secrets secrets = new Secrets(Map.of(), path -> {
      reads.add(path);
      return "hook-token";
    });
    EnvironmentConfig env = staging();
    assertEquals(List.of(), reads);
    assertEquals("hook-token", secrets.resolve(env.requireNotify().token().get()));
    assertEquals(List.of(Path.of("/run/secrets/hook")), reads);
  }

  @Test
  void aMissingFileNamesTheKeyAndPath() throws Exception {
    SecretRef ref = staging().requireNotify().token().get();
    ConfigException e = assertThrows(ConfigException.class, () -> Secrets.resolve(ref, Map.of(),
        path -> {
          throw new NoSuchFileException(path.toString());
        }));
    assertEquals(F + "25:14: `environments.staging.notify.token`: secret file"
        + " `/run/secrets/hook` does not exist", e.getMessage());
  }

  @Test
  void anUnreadableFileNamesTheKeyAndPath() throws Exception {
    SecretRef ref = staging().requireNotify().token().get();
    ConfigException e = assertThrows(ConfigException.class, () -> Secrets.resolve(ref, Map.of(),
        path -> {
          throw new AccessDeniedException(path.toString());
        }));
    assertEquals(F + "25:14: `environments.staging.notify.token`: cannot read secret file"
        + " `/run/secrets/hook`: /run/secrets/hook", e.getMessage());
  }

  /** A `file:` secret that is a pipe would block the run until killed: refused at once. */
  @Test
  void aSecretFileThatIsAPipeIsRefusedAtOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chaos.yaml");
    Files.writeString(file, ChaosConfigTest.FULL);
    Files.createDirectories(dir.resolve("secrets"));
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("secrets/redis").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    SecretRef ref = ChaosConfig.load(file).environment("staging").requireRedis().password().get();

    ConfigException e = assertThrows(ConfigException.class,
        () -> Secrets.system().resolve(ref));
    assertTrue(e.getMessage().endsWith("it is not a regular file (a pipe or a device)"),
        e.getMessage());
  }

  @Test
  void anEmptyFileIsAnError() throws Exception {
    SecretRef ref = staging().requireNotify().token().get();
    ConfigException e = assertThrows(ConfigException.class,
        () -> Secrets.resolve(ref, Map.of(), path -> "\n"));
    assertEquals(F + "25:14: `environments.staging.notify.token`: secret file"
        + " `/run/secrets/hook` is empty", e.getMessage());
  }

  private static Secrets.FileReader noFiles() {
    return path -> {
      throw new IOException("no file should be read: " + path);
    };
  }
}
