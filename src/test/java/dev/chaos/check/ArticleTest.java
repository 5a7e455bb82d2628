package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.types.Type;
import org.junit.jupiter.api.Test;

class ArticleTest {
  @Test
  void typesTakeTheArticleOfTheirFirstSound() {
    assertThat(Article.of(Type.INT)).isEqualTo("an `Int`");
    assertThat(Article.of(Type.DURATION)).isEqualTo("a `Duration`");
    assertThat(Article.of(Type.UNIT)).isEqualTo("a `Unit`");
    assertThat(Article.of(Type.JSON)).isEqualTo("a `Json`");
    assertThat(Article.of(Type.STRING)).isEqualTo("a `String`");
    assertThat(Article.of(Type.FLOAT)).isEqualTo("a `Float`");
    assertThat(Article.of(Type.list(Type.INT))).isEqualTo("a `List[Int]`");
    assertThat(Article.of("Alert")).isEqualTo("an `Alert`");
    assertThat(Article.of("Usage")).isEqualTo("a `Usage`");
    assertThat(Article.of("Hpa")).isEqualTo("an `Hpa`");
    assertThat(Article.of("Int | String")).isEqualTo("an `Int | String`");
    assertThat(Article.of("T")).isEqualTo("a `T`");
  }

  @Test
  void messagesUseIt() {
    var d = CheckFixture.check(CheckFixture.step("    for x in 3 { log \"x\" }")).only(dev.chaos.diag.Code.CH0305);
    assertThat(d.message()).isEqualTo("cannot iterate over an `Int`");
    assertThat(d.label()).isEqualTo("this is an `Int`");
  }
}
