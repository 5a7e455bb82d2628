package dev.chaos.cli;

import dev.chaos.types.ValueFormat;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** `chaos report --format json`: the same facts as the text, for machines (docs/reports.md). */
final class HistoryJson {
  private HistoryJson() {}

  static String render(RunHistory history) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode runbooks = root.putArray("runbooks");
    for (RunHistory.Runbook book : history.runbooks()) {
      ObjectNode b = runbooks.addObject();
      b.put("name", book.name());
      b.put("title", book.title());
      ObjectNode counts = b.putObject("outcomes");
      book.outcomes().forEach(counts::put);
      ArrayNode runs = b.putArray("runs");
      for (RunHistory.Run r : book.runs()) {
        ObjectNode n = runs.addObject();
        n.put("run_id", r.runId());
        n.put("when", r.when().toString());
        n.put("outcome", r.outcome());
        n.put("dry_run", r.dryRun());
        n.put("duration", shown(r.duration()));
        n.put("recovery_time", shown(r.recovery()));
        n.put("folder", r.folder().toString());
      }
      List<Duration> times = book.recoveries();
      ObjectNode trend = b.putObject("recovery_trend");
      ArrayNode all = trend.putArray("times");
      times.forEach(t -> all.add(ValueFormat.duration(t)));
      trend.put("first", times.isEmpty() ? null : shown(times.get(0)));
      trend.put("last", times.isEmpty() ? null : shown(times.get(times.size() - 1)));
      trend.put("mean", times.isEmpty() ? null : shown(HistoryText.mean(times)));
    }
    ArrayNode skipped = root.putArray("skipped");
    history.leftOut().forEach(skipped::add);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static String shown(Duration d) {
    return d == null ? null : ValueFormat.duration(d);
  }
}
