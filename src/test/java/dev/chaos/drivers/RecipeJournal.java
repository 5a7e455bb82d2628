package dev.chaos.drivers;

import dev.chaos.runtime.Journal;
import dev.chaos.runtime.JournalReader;
import dev.chaos.runtime.RunEvent;
import dev.chaos.spi.UndoRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** A recipe written to a journal and read back, as `chaos recover` reads it. */
public final class RecipeJournal {
  private RecipeJournal() {}

  public static UndoRecipe roundTrip(UndoRecipe recipe) throws Exception {
    Path file = Files.createTempFile("recipe", ".jsonl");
    try {
      try (Journal journal = Journal.create(file)) {
        journal.on(new RunEvent.UndoRecipeSet(Instant.now(), 1, recipe));
      }
      return ((RunEvent.UndoRecipeSet) JournalReader.read(file).events().get(0)).recipe();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
