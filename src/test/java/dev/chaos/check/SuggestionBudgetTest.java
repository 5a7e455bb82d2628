package dev.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparisons a file may spend on "did you mean" (BadInputTest holds it in a check). */
class SuggestionBudgetTest {
  @Test
  void aComparisonIsSpentPerCandidateAndNothingWhenTooFewAreLeft() {
    SuggestionBudget budget = new SuggestionBudget();
    assertThat(budget.spend(List.of("a", "b", "c"))).isTrue();
    assertThat(budget.left()).isEqualTo(SuggestionBudget.COMPARISONS - 3);
    List<String> tooMany = Collections.nCopies((int) budget.left() + 1, "x");
    assertThat(budget.spend(tooMany)).isFalse();
    assertThat(budget.left()).isEqualTo(SuggestionBudget.COMPARISONS - 3);
    assertThat(budget.spend(tooMany.subList(1, tooMany.size()))).isTrue();
    assertThat(budget.left()).isZero();
    assertThat(budget.spend(List.of("y"))).isFalse();
  }
}
