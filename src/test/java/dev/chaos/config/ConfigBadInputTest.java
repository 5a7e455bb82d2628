package dev.chaos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configs found misreported by fuzzing (issue 9): each names the file, place and problem. */
class ConfigBadInputTest {
  private static final Path FILE = Path.of("chaos.yaml");

  @TempDir
  Path dir;

  private static void refused(String yaml, String message) {
    assertThatThrownBy(() -> ChaosConfig.parse(FILE, yaml, Path.of("/home/u")))
        .isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void aConfigThatIsNotAMappingSaysWhatItFound() {
    refused("- a\n- b\n", "chaos.yaml:1:1: the config file must be a mapping with `environments:`"
        + " at its top, not a list");
    refused("hello\n", "chaos.yaml:1:1: the config file must be a mapping with `environments:` at"
        + " its top, not the string `hello`");
  }

  @Test
  void anEmptySentinelListSaysItIsEmpty() {
    refused("environments:\n  staging:\n    class: staging\n    redis:\n      sentinels: []\n"
        + "      master: mymaster\n", "chaos.yaml:5:18: `environments.staging.redis.sentinels` is"
        + " an empty list: name at least one sentinel as `host:port`");
  }

  @Test
  void anAliasIsTheMappingItNames() throws Exception {
    ChaosConfig config = ChaosConfig.parse(FILE, "environments:\n  staging: &base\n"
        + "    class: staging\n  other: *base\n", Path.of("/home/u"));
    assertThat(config.environment("other").declaredClass()).isEqualTo(EnvClass.STAGING);
    refused("environments:\n  staging:\n    class: staging\n    kubernetes: {context: &c kind-x}\n"
        + "    prometheus: {url: *c}\n", "chaos.yaml:5:23: the alias `*c` names no mapping or list"
        + " anchored `&c` before it (an alias of a single value is not read): write the value out"
        + " here");
  }

  @Test
  void aBillionLaughsIsRefused() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1))))
          .append("]\n");
    }
    assertThatThrownBy(() -> ChaosConfig.parse(FILE, yaml.toString(), Path.of("/home/u")))
        .hasMessageContaining("aliases expand to more than 1000000 values");
  }

  @Test
  void deepNestingNamesTheLimit() {
    refused("environments: " + "[".repeat(500) + "]".repeat(500) + "\n",
        "chaos.yaml:1:114: mappings and lists are nested too deep: more than 100 levels");
  }

  /** Found by bench/fuzz.sh: the YAML parser itself failed with IndexOutOfBoundsException. */
  @Test
  void aFailureOfTheYamlParserIsMalformedYaml() throws Exception {
    String yaml = new String(getClass().getResourceAsStream("/fuzz/yaml-parser-failure.yaml")
        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ChaosConfig.parse(FILE, yaml, Path.of("/home/u")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("chaos.yaml")
        .hasMessageContaining("malformed YAML");
  }

  /**
   * Found by bench/fuzz.sh (seed 20261203, input 14314): a URL whose scheme is a run of 7,000
   * letters. Masking its credentials for the message tried the scheme from every letter; it is
   * refused with the URL quoted whole (the scaling is held by RedactorTest).
   */
  @Test
  void aUrlWithAVeryLongSchemeIsRefusedWhole() throws Exception {
    String yaml = new String(getClass().getResourceAsStream("/fuzz/config-url-letter-run.yaml")
        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ChaosConfig.parse(FILE, yaml, Path.of("/home/u")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("chaos.yaml:8:23: `environments.prod.prometheus.url` must be an"
            + " http:// or https:// URL, not `httpspsps")
        .hasMessageEndingWith("spsps://prometheus.prod.example:9090`");
  }

  /**
   * Found by the scaling pass of bench/fuzz.sh: the YAML scanner copied what it held of a long
   * scalar at each 1,024 characters it read (a quoted scalar of a million characters: 3 GB
   * allocated). Now read in one piece; the value is read whole and refused as a URL.
   */
  @Test
  void aScalarOfAMillionCharactersIsReadWhole() {
    String url = "a://".repeat(250_000);
    assertThatThrownBy(() -> ChaosConfig.parse(FILE, "environments:\n  e:\n    class: staging\n"
        + "    prometheus: {url: \"" + url + "\"}\n", Path.of("/home/u")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("chaos.yaml:4:23: `environments.e.prometheus.url` must be an http:// or"
            + " https:// URL, not `" + url + "`");
  }

  @Test
  void binaryIsRefusedAsSuch() {
    refused("environments:\n  staging:\n    class: !!binary aGVsbG8=\n", "chaos.yaml:3:12: a"
        + " `!!binary` value is not read here: write it as plain text");
  }

  @Test
  void aConfigThatIsNotUtf8NamesTheByteAndLine() throws Exception {
    Path file = dir.resolve("chaos.yaml");
    Files.write(file, "environments:\n  staging:\n    class: st\u00e9ging\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> ChaosConfig.load(file)).hasMessage(file + ": cannot read config"
        + " file: it is not UTF-8 text: byte 0xE9 at offset 38 (line 3, byte 14 of the line) does"
        + " not belong there; save the file as UTF-8");
  }
}
