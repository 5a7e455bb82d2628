package dev.chaos.runtime;

import dev.chaos.types.JsonTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a journal written by {@link Journal} back into the events that were written, equal to
 * them. The first line must name the format and a version this reader knows; a later version is
 * refused rather than half understood. A run that died while writing can leave its last line
 * cut short: such a line (one with no newline after it that does not parse) is left out and
 * reported by {@link Contents#cutShort()}; anywhere else a bad line is an error that names it.
 */
public final class JournalReader {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JournalReader() {}

  /** The events of a journal, in the order they were written. */
  public record Contents(int version, List<RunEvent> events, boolean cutShort) {
    public Contents {
      events = List.copyOf(events);
    }
  }

  /** A journal that cannot be read; the message names the file and line. */
  public static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  public static Contents read(Path file) throws IOException, Malformed {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** {@code text} is the whole journal; {@code name} is how errors call it. */
  public static Contents parse(String text, String name) throws Malformed {
    String[] lines = text.split("\n", -1);
    int count = lines.length;
    boolean ended = lines[count - 1].isEmpty();
    if (ended) {
      count--; // the newline after the last line
    }
    if (count == 0) {
      throw new Malformed(name + ": empty, not a journal");
    }
    int version = version(lines[0], name);
    List<RunEvent> events = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      boolean last = i == count - 1;
      try {
        events.add(JournalCodec.decode(object(lines[i])));
      } catch (JournalCodec.BadLine bad) {
        if (last && !ended && bad.getMessage().startsWith(NOT_JSON)) {
          return new Contents(version, events, true);
        }
        throw new Malformed(name + ":" + (i + 1) + ": " + bad.getMessage());
      }
    }
    return new Contents(version, events, false);
  }

  private static int version(String line, String name) throws Malformed {
    Map<String, Object> header;
    try {
      header = object(line);
    } catch (JournalCodec.BadLine bad) {
      throw new Malformed(name + ":1: " + bad.getMessage());
    }
    if (!"journal".equals(header.get("event")) || !"chaos-journal".equals(header.get("format"))
        || !(header.get("version") instanceof Long v)) {
      throw new Malformed(name + ":1: not a chaos journal (the first line names no format and"
          + " version)");
    }
    if (v > JournalCodec.VERSION || v < 1) {
      throw new Malformed(name + ":1: journal format version " + v + ", this chaos reads version "
          + JournalCodec.VERSION);
    }
    return v.intValue();
  }

  private static final String NOT_JSON = "not a JSON object";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String line) throws JournalCodec.BadLine {
    Object tree;
    try {
      tree = JsonTree.of(JSON.readValue(line, Object.class)).tree();
    } catch (JacksonException | IllegalArgumentException e) {
      throw new JournalCodec.BadLine(NOT_JSON);
    }
    if (!(tree instanceof Map)) {
      throw new JournalCodec.BadLine(NOT_JSON);
    }
    return (Map<String, Object>) tree;
  }
}
