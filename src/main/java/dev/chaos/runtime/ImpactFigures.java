package dev.chaos.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's impact figures, as a runbook measures them: the run itself cannot know what a
 * disaster lost or how often a pod restarted, so a runbook that measures one records it under
 * a known name (`stdlib/impact.chaos` records the pod figures) and every report shows it in
 * its place, or says that this runbook did not measure it.
 */
final class ImpactFigures {
  /** A figure: the record it is read from and how the reports name it. */
  record Figure(String record, String label, String value) {
    boolean measured() {
      return value != null;
    }

    /** The value, or why there is none. */
    String shown() {
      return value != null ? value + " (recorded as `" + record + "` by the runbook)"
          : "not measured by this runbook";
    }
  }

  private static final String[][] KNOWN = {
      {"rto", "RTO measured by the runbook"},
      {"rpo", "RPO (Recovery Point Objective)"},
      {"pod_restarts", "Pod restarts"},
      {"oom_kills", "OOM kills"},
      {"evictions", "Evictions"},
  };

  private ImpactFigures() {}

  /** Every known figure, in the seed's order, with its recorded value or null. */
  static List<Figure> of(Map<String, String> records) {
    List<Figure> out = new ArrayList<>();
    for (String[] known : KNOWN) {
      out.add(new Figure(known[0], known[1], records.get(known[0])));
    }
    return out;
  }
}
