package dev.chaos.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemReadsTest {
  @Test
  void anEntryIsFreshForItsFirstSecondsThenOnlyKeptForWhenTheDatabaseFails() {
    long kept = ItemReads.KEPT_SECONDS * 1000L;

    assertThat(ItemReads.fresh(kept)).isTrue();
    assertThat(ItemReads.fresh(kept - 4_999)).isTrue();
    assertThat(ItemReads.fresh(kept - 5_000)).isFalse();
    assertThat(ItemReads.fresh(1)).isFalse();
    assertThat(ItemReads.fresh(-2)).as("no such key").isFalse();
    // a rebuilt entry is fresh for REBUILT_SECONDS
    long rebuilt = (ItemReads.KEPT_SECONDS - 5 + ItemReads.REBUILT_SECONDS) * 1000L;
    assertThat(ItemReads.fresh(rebuilt - (ItemReads.REBUILT_SECONDS - 1) * 1000L)).isTrue();
    assertThat(ItemReads.fresh(rebuilt - ItemReads.REBUILT_SECONDS * 1000L)).isFalse();
  }
}
