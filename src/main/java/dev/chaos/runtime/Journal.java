package dev.chaos.runtime;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run's journal: one JSON object per line and per event, written and flushed as it happens,
 * so that a run that dies leaves everything up to its last event, undo registrations included.
 * Each line has `time` (the run's clock), `event` and the event's fields. A journal that cannot
 * be written never stops the run: the first error is kept for the summary.
 */
public final class Journal implements RunListener, AutoCloseable {
  private final Path path;
  private final JsonMapper mapper = JsonMapper.builder().build();
  private final BufferedWriter out;
  private IOException problem;

  private Journal(Path path, BufferedWriter out) {
    this.path = path;
    this.out = out;
  }

  /** Creates the file (and its directories), replacing an older one. */
  public static Journal create(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new Journal(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
  }

  public Path path() {
    return path;
  }

  @Override
  public synchronized void on(RunEvent event) {
    if (problem != null) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", event.time().toString());
    line.put("event", event.type().jsonName());
    line.putAll(event.data());
    try {
      out.write(mapper.writeValueAsString(line));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      problem = e;
    }
  }

  /** The first write error, or null when every event was written. */
  public synchronized IOException problem() {
    return problem;
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      if (problem == null) {
        problem = e;
      }
    }
  }
}
