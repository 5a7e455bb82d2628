package dev.chaos.drivers.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.RecipeJournal;
import dev.chaos.spi.UndoRecipe;
import org.junit.jupiter.api.Test;

/** The recipe of `postgres.hold_connections` names the application whose connections go. */
class PgRecipeTest {
  @Test
  void theApplicationRoundTrips() throws Exception {
    UndoRecipe recipe = LivePgBindings.releaseRecipe("chaos \"held\"");
    assertThat(recipe.name()).isEqualTo("postgres.terminate_application");
    assertThat(RecipeJournal.roundTrip(recipe)).isEqualTo(recipe);
  }
}
