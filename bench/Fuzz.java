// The fuzzing campaign (run with bench/fuzz.sh, which builds the class path): N generated and
// mutated inputs from SEED against `chaos check`, the config reader and the world reader; prints
// inputs/s, the slowest input by CPU time and by wall time, the most allocating one and the heap
// used; each finding (a crash, or over 2 s of CPU time) goes to target/fuzz/findings/, each input
// over 2 s of wall time only to target/fuzz/wall-outliers/. Then the costliest inputs are read
// at 2 and 4 times their size; one whose cost grows clearly faster than its length is saved
// (at 4 times) to target/fuzz/superlinear/.
// Then the large-file case: a 50 MB runbook, config and world are refused by the reader of
// user files with the memory bounded. Exits 1 when anything was found.
// Single-file source program: `java -cp CLASSPATH bench/Fuzz.java 100000 42 [THREADS [FROM TO]]`;
// `... bench/Fuzz.java replay FILE...` reads saved inputs again, alone, and prints their cost.

import dev.chaos.fuzz.FuzzCampaign;
import dev.chaos.source.InputFile;
import java.nio.file.Files;
import java.nio.file.Path;

public class Fuzz {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("replay")) {
      replay(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    int inputs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    // a share of a campaign split over processes: inputs FROM to TO of the same seed
    int from = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    int to = args.length > 4 ? Integer.parseInt(args[4]) : inputs;
    System.out.println("fuzz: inputs " + from + " to " + to + " of " + inputs + ", seed " + seed
        + ", " + threads + " threads");
    FuzzCampaign campaign = FuzzCampaign.fromRepository(Path.of("."));
    System.out.println("seeds: " + campaign.seedCount());
    long start = System.nanoTime();
    FuzzCampaign.Report report = campaign.run(from, to, seed, threads, done -> System.out.printf(
        "  %d inputs, %.0f s%n", done, (System.nanoTime() - start) / 1e9));
    System.out.println(report.summary());
    FuzzCampaign.save(report.findings(), Path.of("target/fuzz/findings"));
    FuzzCampaign.save(report.wallOutliers(), Path.of("target/fuzz/wall-outliers"));
    for (FuzzCampaign.Finding f : report.findings()) {
      System.out.println("FINDING " + f.target() + " #" + f.index() + ": "
          + f.problem().lines().findFirst().orElse(""));
    }
    for (FuzzCampaign.Finding f : report.wallOutliers()) {
      System.out.println("WALL ONLY " + f.target() + " #" + f.index() + ": " + f.problem());
    }
    // the costliest inputs again at twice and four times their size: a reader whose cost grows
    // faster than its input would pass the bound here and fail it on a larger file
    System.out.println("scaling of the " + report.costliest().size() + " costliest inputs:");
    boolean linear = true;
    java.util.List<FuzzCampaign.Finding> superlinear = new java.util.ArrayList<>();
    for (FuzzCampaign.Scaling s : campaign.scaling(seed, report.costliest())) {
      System.out.println("  " + s.describe());
      if (s.superlinear() || s.problem() != null) {
        linear = false;
        String input = campaign.input(seed, s.index(), 4);
        superlinear.add(new FuzzCampaign.Finding(s.target(), s.index(), "at scale 4: "
            + s.describe() + (s.problem() == null ? "" : "\n" + s.problem()), input,
            s.costs().get(2)));
      }
    }
    FuzzCampaign.save(superlinear, Path.of("target/fuzz/superlinear"));
    boolean bounded = from > 0 || largeFile(); // once per campaign
    System.exit(report.findings().isEmpty() && linear && bounded ? 0 : 1);
  }

  /** A 50 MB file is refused at the size bound: time and heap stay small. */
  static boolean largeFile() throws Exception {
    Path big = Path.of("target/fuzz/big-50mb.chaos");
    Files.createDirectories(big.getParent());
    String step = "  step \"s\" { log(\"" + "x".repeat(80) + "\") }\n";
    try (var out = Files.newBufferedWriter(big)) {
      out.write("runbook \"big\" {\n  environment staging\n");
      for (long written = 0; written < 50L << 20; written += step.length()) {
        out.write(step);
      }
      out.write("}\n");
    }
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    long t0 = System.nanoTime();
    String outcome;
    try {
      InputFile.readText(big, InputFile.TEXT_LIMIT);
      outcome = "read (not refused!)";
    } catch (InputFile.Refused e) {
      outcome = "refused: " + e.getMessage();
    }
    long took = (System.nanoTime() - t0) / 1_000_000;
    long heap = (rt.totalMemory() - rt.freeMemory() - before) >> 20;
    System.out.println("50 MB file (" + Files.size(big) + " bytes): " + outcome + " in " + took
        + " ms, heap grew by at most " + heap + " MB");
    Files.delete(big);
    return outcome.startsWith("refused") && took < 2000;
  }

  /** Each saved input read alone, three times (the first one warms the JIT up). */
  static void replay(String[] files) throws Exception {
    FuzzCampaign campaign = FuzzCampaign.fromRepository(Path.of("."));
    for (String file : files) {
      Path path = Path.of(file);
      FuzzCampaign.Target target = FuzzCampaign.targetOfSaved(path);
      String input = Files.readString(path);
      StringBuilder costs = new StringBuilder();
      String problem = null;
      for (int run = 0; run < 3; run++) {
        FuzzCampaign.Measured m = campaign.measure(target, input);
        problem = m.problem();
        costs.append(run == 0 ? "" : " | ").append(m.cost().describe());
      }
      System.out.println(path.getFileName() + " (" + target + ", " + input.length() + " chars): "
          + costs + (problem == null ? "" : "; " + problem.lines().findFirst().orElse("")));
    }
  }
}
