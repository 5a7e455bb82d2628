package dev.chaos.drivers.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The label-selector grammar and its meaning, as kubectl and the API server read it. */
class LabelSelectorTest {
  private static final Map<String, String> BACKEND = Map.of("tier", "backend", "env", "prod");

  @Test
  void everyOperatorMatchesAsTheServerDoes() {
    assertThat(LabelSelector.parse("").matches(BACKEND)).isTrue();
    assertThat(LabelSelector.parse("  ").isEmpty()).isTrue();
    assertThat(LabelSelector.parse(null).matches(Map.of())).isTrue();
    assertThat(LabelSelector.parse("tier=backend,env=prod").matches(BACKEND)).isTrue();
    assertThat(LabelSelector.parse("tier=backend,env=dev").matches(BACKEND)).isFalse();
    assertThat(LabelSelector.parse("tier==backend").matches(BACKEND)).isTrue();
    assertThat(LabelSelector.parse("tier!=db").matches(BACKEND)).isTrue();
    assertThat(LabelSelector.parse("app!=db").matches(BACKEND)).isTrue();
    assertThat(LabelSelector.parse("env").matches(BACKEND)).isTrue();
    assertThat(LabelSelector.parse("!env").matches(BACKEND)).isFalse();
    assertThat(LabelSelector.parse("env in (dev, prod),tier notin (db)").matches(BACKEND))
        .isTrue();
    assertThat(LabelSelector.parse("env in (dev)").matches(BACKEND)).isFalse();
    assertThat(LabelSelector.parse("app notin (db)").matches(BACKEND)).isTrue();
    assertThat(LabelSelector.parse("app in (db)").matches(BACKEND)).isFalse();
    assertThat(LabelSelector.parse("shard>2").matches(Map.of("shard", "3"))).isTrue();
    assertThat(LabelSelector.parse("shard<2").matches(Map.of("shard", "3"))).isFalse();
    assertThat(LabelSelector.parse("shard>2").matches(Map.of("shard", "x"))).isFalse();
  }

  @Test
  void whitespaceAndPrefixedKeysAreRead() {
    LabelSelector s = LabelSelector.parse(
        " app.kubernetes.io/name = api ,\tenv in ( a , b ) , !example.com/canary ");
    assertThat(s.requirements()).containsExactly(
        new SelectorRequirement("app.kubernetes.io/name", SelectorOperator.EQUALS,
            List.of("api")),
        new SelectorRequirement("env", SelectorOperator.IN, List.of("a", "b")),
        new SelectorRequirement("example.com/canary", SelectorOperator.DOES_NOT_EXIST,
            List.of()));
    assertThat(s.equalities()).containsExactly(Map.entry("app.kubernetes.io/name", "api"));
  }

  @Test
  void emptyValuesMeanTheEmptyStringAsInKubernetes() {
    assertThat(LabelSelector.parse("tier=").matches(Map.of("tier", ""))).isTrue();
    assertThat(LabelSelector.parse("tier in ()").requirements().get(0).values())
        .containsExactly("");
    assertThat(LabelSelector.parse("tier in (a,,b)").requirements().get(0).values())
        .containsExactly("a", "", "b");
  }

  @Test
  void matchLabelsIsEveryLabelEqual() {
    LabelSelector s = LabelSelector.matchLabels(Map.of("app", "api"));
    assertThat(s.text()).isEqualTo("app=api");
    assertThat(s.matches(Map.of("app", "api", "x", "y"))).isTrue();
    assertThat(s.matches(Map.of("app", "web"))).isFalse();
  }

  @Test
  void anUnreadableSelectorSaysWhereOnOneLine() {
    assertRefused("tier=backend,env in prod",
        "label selector `tier=backend,env in prod`, column 21: expected `(` after `in`, found"
            + " `prod`");
    assertRefused("env in (a,b", "label selector `env in (a,b`, column 12: expected a value,"
        + " `,` or `)`, found the end of the selector");
    assertRefused("a=b,", "label selector `a=b,`, column 5: expected a label key or `!`, found"
        + " the end of the selector");
    assertRefused("!a=b", "label selector `!a=b`, column 3: `!` takes a bare label key (`!a`),"
        + " found `=` after it");
    assertRefused("a b", "label selector `a b`, column 3: expected an operator (`=`, `==`,"
        + " `!=`, `in`, `notin`, `>`, `<`) after `a`, found `b`");
    assertRefused("x/y/z=1", "label selector `x/y/z=1`, column 1: invalid label key `x/y/z`: a"
        + " label key has at most one `/`");
    assertRefused("Example.com/a", "label selector `Example.com/a`, column 1: invalid label key"
        + " `Example.com/a`: the prefix `Example.com` is not a DNS subdomain (lower-case"
        + " letters, digits, `-` and `.`)");
    assertRefused("a=-b", "label selector `a=-b`, column 3: invalid label value for `a`: the"
        + " value `-b` must be letters, digits, `-`, `_` and `.`, starting and ending with a"
        + " letter or digit");
    assertRefused("a>b", "label selector `a>b`, column 3: `>` needs a whole number, found `b`");
    assertRefused("a=b\nc", "label selector `a=b\\nc`, column 5: expected `,` or the end of the"
        + " selector, found `c`");
    assertRefused("a=" + "v".repeat(64), "label selector `a=" + "v".repeat(64) + "`, column 3:"
        + " invalid label value for `a`: the value is longer than 63 characters");
    assertRefused("in=a", "label selector `in=a`, column 1: expected a label key, found `in`");
  }

  private static void assertRefused(String selector, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(selector))
        .isInstanceOf(KubeRuleException.class).hasMessage(message);
  }
}
