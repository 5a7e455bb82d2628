package dev.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/journal.md describes every event type, lists exactly its fields, and gives an example
 * line that the reader reads as that type of event.
 */
class JournalDocTest {
  private static final String HEADER =
      "{\"time\":\"2025-01-06T03:00:00Z\",\"event\":\"journal\",\"format\":\"chaos-journal\","
          + "\"version\":1}\n";

  @Test
  void everyEventTypeHasItsFieldsAndAnExampleThatReadsBack() throws Exception {
    String doc = Files.readString(Path.of("docs/journal.md"));
    assertThat(doc).contains("```json\n" + HEADER + "```");
    for (RunEvent.Type type : RunEvent.Type.values()) {
      String heading = "### `" + type.jsonName() + "`\n";
      assertThat(doc).as("a section for %s", type.jsonName()).contains(heading);
      String section = doc.substring(doc.indexOf(heading) + heading.length());
      int next = section.indexOf("\n### ");
      section = next < 0 ? section : section.substring(0, next);
      List<String> fields = new ArrayList<>();
      Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9_]+)` ").matcher(section);
      while (row.find()) {
        fields.add(row.group(1));
      }
      assertThat(fields).as("the fields of %s", type.jsonName()).containsExactlyElementsOf(
          Arrays.stream(type.record().getRecordComponents()).map(c -> JournalCodec.snake(
              c.getName())).filter(f -> !f.equals("time")).toList());
      Matcher example = Pattern.compile("```json\n(.*)\n```").matcher(section);
      assertThat(example.find()).as("an example of %s", type.jsonName()).isTrue();
      List<RunEvent> read = JournalReader.parse(HEADER + example.group(1) + "\n", "journal.md")
          .events();
      assertThat(read).singleElement().extracting(RunEvent::type).isEqualTo(type);
    }
  }
}
