package dev.chaos.drivers.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.drivers.RecipeJournal;
import dev.chaos.spi.UndoRecipe;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The recipes of `redis.set` and `redis.del` keep the previous value (Redis DUMP bytes) and
 * expiry, or that the key did not exist, and read back from a journal equal. (LabRedisTest runs
 * them against a real server through `chaos recover`'s path.)
 */
class RedisRecipeTest {
  @Test
  void aPreviousValueAndExpiryAndAnAbsentKeyRoundTrip() throws Exception {
    byte[] dump = {0, 3, 'a', 'b', 'c', (byte) 0xff, 9, 0};
    UndoRecipe kept = LiveRedisBindings.restoreRecipe("k",
        new LiveRedisBindings.Snapshot(dump, 1500L));
    assertThat(RecipeJournal.roundTrip(kept)).isEqualTo(kept);
    assertThat(kept.args()).containsEntry("key", "k");
    UndoRecipe absent = LiveRedisBindings.restoreRecipe("new-key", null);
    assertThat(RecipeJournal.roundTrip(absent)).isEqualTo(absent);
    assertThat(absent.args()).containsEntry("previous", null);
    assertThat(new String(java.util.Base64.getDecoder().decode((String)
        ((java.util.Map<?, ?>) kept.args().get("previous")).get("dump_base64")),
        StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(dump);
  }
}
