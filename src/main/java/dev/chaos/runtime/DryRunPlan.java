package dev.chaos.runtime;

import dev.chaos.spi.Preview;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a dry run would have done, as the console, report.md and report.json show it: each
 * mutation in the order met, with what it would touch (resolved by reading the world), how much
 * of it and the blast-radius verdict; then the undo it would register, in the order undo would
 * run it. Written once here so the three say the same thing.
 */
public final class DryRunPlan {
  private DryRunPlan() {}

  /** The plan as console lines, indented under the run's summary; none for a real run. */
  public static List<String> lines(RunResult r) {
    List<String> out = new ArrayList<>();
    if (!r.dryRun()) {
      return out;
    }
    out.add("plan: " + mutations(r.plan().size()) + " it would make");
    int n = 0;
    for (RunResult.Planned p : r.plan()) {
      out.add("  " + (++n) + ". " + p.where() + ": " + p.fn() + ": would "
          + p.preview().action());
      details(p.preview()).forEach(d -> out.add("       " + d));
    }
    List<String> undo = r.plannedUndo();
    out.add(undo.isEmpty() ? "undo it would register: none"
        : "undo it would register (run last first):");
    undo.forEach(u -> out.add("  - " + u));
    return out;
  }

  /** A "Dry-Run Plan" section of report.md; nothing for a real run. */
  static void markdown(StringBuilder md, RunResult r) {
    if (!r.dryRun()) {
      return;
    }
    md.append("## Dry-Run Plan\n\n_Nothing was changed. ").append(mutations(r.plan().size()))
        .append(", in the order the run would make them:_\n\n");
    int n = 0;
    for (RunResult.Planned p : r.plan()) {
      md.append(++n).append(". ").append(p.where()).append(": `").append(p.fn())
          .append("` would ").append(p.preview().action()).append('\n');
      details(p.preview()).forEach(d -> md.append("   - ").append(d).append('\n'));
    }
    md.append(r.plan().isEmpty() ? "" : "\n").append("**Undo it would register** (run last"
        + " first):\n\n");
    List<String> undo = r.plannedUndo();
    if (undo.isEmpty()) {
      md.append("None.\n");
    }
    undo.forEach(u -> md.append("- ").append(u).append('\n'));
    md.append('\n');
  }

  /** `plan` of report.json: empty lists for a real run. */
  static void json(ObjectNode root, RunResult r) {
    ObjectNode plan = root.putObject("plan");
    ArrayNode mutations = plan.putArray("mutations");
    for (RunResult.Planned p : r.plan()) {
      ObjectNode n = mutations.addObject();
      n.put("where", p.where());
      n.put("fn", p.fn());
      n.put("action", p.preview().action());
      ArrayNode targets = n.putArray("targets");
      p.preview().targets().forEach(targets::add);
      Preview.Share share = p.preview().share();
      if (share != null) {
        n.put("count", share.count());
        n.put("of", share.of());
        n.put("blast_radius", share.verdict());
      }
      n.put("undo", p.preview().undo().isEmpty() ? null : p.preview().undo());
      n.put("registers_undo", p.registersUndo() && !p.preview().undo().isEmpty());
    }
    ArrayNode undo = plan.putArray("undo");
    r.plannedUndo().forEach(undo::add);
  }

  /** What a preview adds to its action: targets, share and verdict, undo. */
  private static List<String> details(Preview p) {
    List<String> out = new ArrayList<>();
    if (!p.targets().isEmpty()) {
      out.add("targets: " + String.join(", ", p.targets()));
    }
    if (p.share() != null) {
      out.add("how many: " + p.share().count() + " of " + p.share().of()
          + "; blast radius: " + p.share().verdict());
    }
    if (!p.undo().isEmpty()) {
      out.add("undo: " + p.undo());
    }
    return out;
  }

  private static String mutations(int n) {
    return n == 1 ? "1 mutation" : n + " mutations";
  }
}
