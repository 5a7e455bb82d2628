package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written matchers of label names and DNS subdomains, against the API's regexes. */
class LabelSyntaxTest {
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final String ALPHABET = "aZ09-_./ é";

  @Test
  void edgeCasesMatchAsTheRegexesDo() {
    for (String s : List.of("", "a", "A", "0", "-", ".", "_", "a-", "-a", "a.b", "a..b",
        "a_b", "ab-", "a-b", "A.b-C_d", ".a", "a.", "a.-b", "a-.b", "web.example.com", "Web.com",
        "é")) {
      assertThat(LabelSyntax.isName(s)).as("name `%s`", s).isEqualTo(NAME.matcher(s).matches());
      assertThat(LabelSyntax.isSubdomain(s)).as("subdomain `%s`", s)
          .isEqualTo(SUBDOMAIN.matcher(s).matches());
    }
  }

  @Test
  void randomStringsMatchAsTheRegexesDo() {
    long seed = Long.getLong("chaos.fuzz.seed", System.nanoTime());
    System.out.println("LabelSyntaxTest seed: " + seed + " (replay with -Dchaos.fuzz.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(9);
      for (int j = 0; j < length; j++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String s = b.toString();
      assertThat(LabelSyntax.isName(s)).as("name `%s`, seed %d", s, seed)
          .isEqualTo(NAME.matcher(s).matches());
      assertThat(LabelSyntax.isSubdomain(s)).as("subdomain `%s`, seed %d", s, seed)
          .isEqualTo(SUBDOMAIN.matcher(s).matches());
    }
  }
}
