package dev.chaos.cli;

import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** `chaos report` as text: per runbook, its runs, the count of each outcome, the recovery trend. */
final class HistoryText {
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private HistoryText() {}

  static String render(RunHistory history) {
    StringBuilder out = new StringBuilder();
    if (history.runbooks().isEmpty()) {
      out.append("no runs found\n");
    }
    for (RunHistory.Runbook book : history.runbooks()) {
      out.append(book.name()).append(book.title() == null ? "" : " (" + book.title() + ")")
          .append(": ").append(counts(book)).append('\n');
      for (RunHistory.Run r : book.runs()) {
        out.append(String.format("  %s  %-19s %8s  %-22s %s%n", WHEN.format(r.when()),
            r.outcome() + (r.dryRun() ? " (dry)" : ""),
            r.duration() == null ? "" : ValueFormat.duration(r.duration()),
            r.recovery() == null ? "" : "recovered in " + ValueFormat.duration(r.recovery()),
            r.folder()));
      }
      out.append("  recovery time: ").append(trend(book.recoveries())).append("\n\n");
    }
    return out.toString();
  }

  /** `3 runs: 2 passed, 1 aborted`. */
  static String counts(RunHistory.Runbook book) {
    Map<String, Integer> outcomes = book.outcomes();
    return book.runs().size() + (book.runs().size() == 1 ? " run: " : " runs: ")
        + outcomes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
  }

  /** The recovery times in order, and how the last compares with the first and the mean. */
  static String trend(List<Duration> times) {
    if (times.isEmpty()) {
      return "none recorded";
    }
    String all = times.stream().map(ValueFormat::duration).collect(Collectors.joining(" \u2192 "));
    if (times.size() == 1) {
      return all + " (one run recorded)";
    }
    Duration change = times.get(times.size() - 1).minus(times.get(0));
    return all + " (last vs first: " + (change.isNegative() ? "-" + ValueFormat.duration(
        change.negated()) : "+" + ValueFormat.duration(change)) + ", "
        + (change.isNegative() ? "faster" : change.isZero() ? "unchanged" : "slower")
        + "; mean " + ValueFormat.duration(mean(times)) + ")";
  }

  static Duration mean(List<Duration> times) {
    long nanos = 0;
    for (Duration d : times) {
      nanos += d.toNanos() / times.size();
    }
    return Duration.ofMillis(Math.round(nanos / 1e6));
  }
}
