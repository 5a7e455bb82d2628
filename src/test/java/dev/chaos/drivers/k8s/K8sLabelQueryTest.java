package dev.chaos.drivers.k8s;

import static dev.chaos.drivers.k8s.K8sLab.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl's label selector syntax, matched here because the mock API ignores most of it. */
class K8sLabelQueryTest {
  private static final Map<String, String> BACKEND = labels("tier", "backend", "env", "prod");

  @Test
  void equalityTermsAreWhatTheServerIsAskedToFilterBy() {
    assertThat(LabelQuery.parse("tier=backend, env==prod,app!=db,canary,!old")
        .equalities()).isEqualTo(Map.of("tier", "backend", "env", "prod"));
  }

  @Test
  void everyTermMustHold() {
    assertThat(LabelQuery.parse("").matches(BACKEND)).isTrue();
    assertThat(LabelQuery.parse("tier=backend,env=prod").matches(BACKEND)).isTrue();
    assertThat(LabelQuery.parse("tier=backend,env=dev").matches(BACKEND)).isFalse();
    assertThat(LabelQuery.parse("tier!=db").matches(BACKEND)).isTrue();
    assertThat(LabelQuery.parse("app!=db").matches(BACKEND)).isTrue();
    assertThat(LabelQuery.parse("env").matches(BACKEND)).isTrue();
    assertThat(LabelQuery.parse("!env").matches(BACKEND)).isFalse();
    assertThat(LabelQuery.parse("env in (dev, prod),tier notin (db)").matches(BACKEND))
        .isTrue();
    assertThat(LabelQuery.parse("env in (dev)").matches(BACKEND)).isFalse();
    assertThat(LabelQuery.parse("app notin (db)").matches(BACKEND)).isTrue();
  }

  @Test
  void anUnreadableSelectorSaysWhere() {
    assertThatThrownBy(() -> LabelQuery.parse("tier=backend,env in prod"))
        .hasMessage("unable to parse label selector `tier=backend,env in prod` at `env in prod`");
  }
}
