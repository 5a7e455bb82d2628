package dev.chaos.cli;

import dev.chaos.units.DurationSyntax;
import dev.chaos.units.Durations;
import dev.chaos.units.UnitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runs found in run folders (their `report.json`), grouped by runbook and ordered by when
 * they ran, for `chaos report`. A folder that is not a run folder, or whose report does not
 * parse, is named in {@link #skipped} and left out; a run folder with a journal and no report
 * yet (a run still going, or one whose runner died) is in {@link #unreported}.
 */
record RunHistory(List<Runbook> runbooks, List<String> skipped, List<Path> unreported) {
  /** A run id ends in the local wall time it started: `NAME-YYYYMMDD-HHMMSS-xxxx`. */
  private static final Pattern RUN_ID_TIME = Pattern.compile("-(\\d{8}-\\d{6})-[0-9a-f]{4}$");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One run: {@code when} is when it ran on the wall clock (read from its run id, since a
   * rehearsal's `started` is on the sandbox's virtual clock), else its `started`;
   * {@code recovery} the measured recovery time, null when none was recorded;
   * {@code environment} the runbook's declared one.
   */
  record Run(String runbook, String title, String runId, LocalDateTime when, String outcome,
      Duration duration, Duration recovery, boolean dryRun, Path folder, String environment) {}

  /** The runs of one runbook, oldest first. */
  record Runbook(String name, String title, List<Run> runs) {
    Map<String, Integer> outcomes() {
      Map<String, Integer> counts = new LinkedHashMap<>();
      runs.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
      return counts;
    }

    /** The recovery times recorded, in the order of the runs. */
    List<Duration> recoveries() {
      return runs.stream().map(Run::recovery).filter(java.util.Objects::nonNull).toList();
    }
  }

  /** What a history report leaves out, said as {@link #skipped} says it. */
  List<String> leftOut() {
    List<String> all = new ArrayList<>(skipped);
    unreported.forEach(folder -> all.add(folder + ": no report.json yet (a run still going, or "
        + "one whose runner died: `chaos runs` shows which)"));
    return all;
  }

  /**
   * Reads {@code dirs}: each is a run folder (it holds `report.json`) or a folder of run
   * folders, such as `chaos-runs/`.
   */
  static RunHistory read(List<Path> dirs) {
    List<String> skipped = new ArrayList<>();
    List<Path> unreported = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        skipped.add(dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
      } else if (Files.isRegularFile(dir.resolve("report.json"))) {
        read(dir, runs, skipped);
      } else if (Files.isRegularFile(dir.resolve(RunFolder.JOURNAL))) {
        unreported.add(dir);
      } else {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
          children = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
          skipped.add(dir + ": cannot be listed: " + CommandFailure.reason(e));
          continue;
        }
        if (children.isEmpty()) {
          skipped.add(dir + ": not a run folder (no report.json) and holds no run folders");
        }
        for (Path child : children) {
          if (Files.isRegularFile(child.resolve("report.json"))) {
            read(child, runs, skipped);
          } else if (Files.isRegularFile(child.resolve(RunFolder.JOURNAL))) {
            unreported.add(child);
          } else {
            skipped.add(child + ": not a run folder (no report.json)");
          }
        }
      }
    }
    Map<String, List<Run>> byName = new LinkedHashMap<>();
    runs.stream().sorted(Comparator.comparing(Run::runbook)).forEach(r ->
        byName.computeIfAbsent(r.runbook(), k -> new ArrayList<>()).add(r));
    List<Runbook> runbooks = new ArrayList<>();
    byName.forEach((name, list) -> {
      list.sort(Comparator.comparing(Run::when).thenComparing(Run::runId));
      runbooks.add(new Runbook(name, list.get(list.size() - 1).title(), list));
    });
    return new RunHistory(runbooks, skipped, unreported);
  }

  private static void read(Path folder, List<Run> runs, List<String> skipped) {
    Path file = folder.resolve("report.json");
    try {
      JsonNode root = JSON.readTree(Files.readString(file));
      JsonNode runbook = root.path("runbook");
      String name = text(runbook.path("name"));
      String outcome = text(root.path("outcome"));
      if (name == null || outcome == null) {
        skipped.add(file + ": not a run report (no runbook name or outcome)");
        return;
      }
      String runId = text(root.path("run_id"));
      JsonNode recovery = root.path("recovery");
      Duration recovered = recovery.path("recovered").asBoolean(false)
          ? duration(text(recovery.path("time"))) : null;
      runs.add(new Run(name, text(runbook.path("title")), runId == null ? "" : runId,
          when(runId, text(root.path("started"))), outcome,
          duration(text(root.path("duration"))), recovered,
          root.path("dry_run").asBoolean(false), folder, text(runbook.path("environment"))));
    } catch (IOException e) {
      skipped.add(file + ": cannot be read: " + CommandFailure.reason(e));
    } catch (JacksonException e) {
      skipped.add(file + ": not valid JSON: " + e.getOriginalMessage());
    } catch (UnitException | DateTimeParseException e) {
      skipped.add(file + ": " + e.getMessage());
    }
  }

  /** When a run started on the wall clock: from its run id, else from {@code started}. */
  static LocalDateTime when(String runId, String started) {
    if (runId != null) {
      Matcher m = RUN_ID_TIME.matcher(runId);
      if (m.find()) {
        return LocalDateTime.parse(m.group(1), STAMP);
      }
    }
    if (started == null) {
      throw new DateTimeParseException("has neither a run id with a time nor `started`", "", 0);
    }
    return LocalDateTime.ofInstant(Instant.parse(started), ZoneOffset.UTC);
  }

  private static Duration duration(String text) {
    return text == null ? null : Durations.parse(text, DurationSyntax.STRICT);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
  }
}
