package dev.chaos.fuzz;

import dev.chaos.check.CheckOptions;
import dev.chaos.check.Checker;
import dev.chaos.config.ChaosConfig;
import dev.chaos.config.ConfigException;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.drivers.sandbox.WorldFileException;
import dev.chaos.drivers.sandbox.WorldLoader;
import dev.chaos.source.SourceFile;
import dev.chaos.spi.DriverRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A seeded campaign of generated and mutated inputs against the three readers of user text:
 * `chaos check` (parser and checker), the config reader and the world reader. Seeds are the
 * repository's runbooks, stdlib, golden check inputs and the YAML examples of the docs; each
 * input is a seed changed by byte flips, splices, token insertions and deletions, deep nesting,
 * huge numbers or unicode. A finding is an exception that escapes (or the checker's own
 * failure, CH0106), a diagnostic span outside the text, or an input slower than the bound.
 * The same seed gives the same inputs.
 */
public final class FuzzCampaign {
  /**
   * No input may take longer than this, in CPU time of the thread that reads it: on a shared
   * machine wall time also counts the time the thread waited for a core, so it cannot tell a
   * slow input from a loaded machine (docs/performance.md, "Fuzzing").
   */
  public static final long SLOW_NANOS = 2_000_000_000L;

  public enum Target { CHECK, CONFIG, WORLD }

  /** What reading one input cost its thread; {@code allocatedBytes} is -1 when unknown. */
  public record Cost(long cpuNanos, long wallNanos, long allocatedBytes) {
    public String describe() {
      return cpuNanos / 1_000_000 + " ms CPU, " + wallNanos / 1_000_000 + " ms wall"
          + (allocatedBytes < 0 ? "" : ", " + (allocatedBytes >> 20) + " MB allocated");
    }
  }

  /** One problem found, with the input that shows it and what reading it cost. */
  public record Finding(Target target, int index, String problem, String input, Cost cost) {}

  /** The costliest input of a campaign by one measure. */
  public record Worst(Target target, int index, Cost cost, String input) {
    static final Worst NONE = new Worst(Target.CHECK, -1, new Cost(0, 0, 0), "");

    String describe() {
      return index < 0 ? "none" : cost.describe() + " (" + target + " #" + index + ", "
          + input.length() + " chars: " + shorten(input) + ")";
    }
  }

  /**
   * What a campaign measured. {@code findings} are crashes and inputs over the bound in CPU
   * time; {@code wallOutliers} are inputs over the bound in wall time only, which a loaded
   * machine explains.
   */
  public record Report(long seed, int inputs, long nanos, Worst slowestCpu, Worst slowestWall,
      Worst mostAllocated, long maxHeapBytes, List<Finding> findings,
      List<Finding> wallOutliers, List<Worst> costliest) {
    public double inputsPerSecond() {
      return inputs / (nanos / 1e9);
    }

    public String summary() {
      return String.format("seed %d: %d inputs in %.1f s (%.0f inputs/s)%n"
          + "  slowest in CPU time: %s%n  slowest in wall time: %s%n  most allocated: %s%n"
          + "  max heap used %d MB; %d findings; %d inputs over %d ms in wall time only",
          seed, inputs, nanos / 1e9, inputsPerSecond(), slowestCpu.describe(),
          slowestWall.describe(), mostAllocated.describe(), maxHeapBytes >> 20, findings.size(),
          wallOutliers.size(), SLOW_NANOS / 1_000_000);
    }
  }

  /** Measures the current thread; falls back to wall time where the JVM cannot. */
  static final class ThreadMeter {
    private final java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private final com.sun.management.ThreadMXBean allocation =
        threads instanceof com.sun.management.ThreadMXBean sun
            && sun.isThreadAllocatedMemorySupported() ? sun : null;
    private final boolean cpu = threads.isCurrentThreadCpuTimeSupported();

    ThreadMeter() {
      if (cpu && !threads.isThreadCpuTimeEnabled()) {
        threads.setThreadCpuTimeEnabled(true);
      }
      if (allocation != null && !allocation.isThreadAllocatedMemoryEnabled()) {
        allocation.setThreadAllocatedMemoryEnabled(true);
      }
    }

    long cpuNanos() {
      return cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    long allocatedBytes() {
      return allocation == null ? -1 : allocation.getCurrentThreadAllocatedBytes();
    }
  }

  private final ThreadMeter meter = new ThreadMeter();

  private static final String[] CHAOS_TOKENS = {"runbook", "step", "undo", "guard", "expect",
      "verify", "precondition", "rollback", "on abort", "let", "wait", "every", "within", "if",
      "else", "for", "in", "fn", "import", "environment", "blast_radius", "lock", "window",
      "max_duration", "\"", "\"\"\"", "${", "}", "{", "(", ")", "[", "]", ",", ":", ".", "==",
      "<", ">=", "&&", "!", "-", "+", "*", "/", "%", "30s", "500ms", "1m30s", "25%", "03:00",
      "\\n", "\\u", "\\", "#", "//", "/*", "*/", "\n", "\t", "\r", " ", "k8s.kill_pods", "slo.p95()",
      "true", "null", "0", "1.5", "-1"};

  private static final String[] YAML_TOKENS = {":", "- ", "&a ", "*a", "<<: *a", "!!binary ",
      "!!str ", "{", "}", "[", "]", ",", "?", "|", ">", "\"", "'", "#", "---", "...", "\n", "  ",
      "\t", ".nan", ".inf", "-12ms", "300%", "999", "0", "-1", "1e308", "null", "~", "yes",
      "replicas: ", "recovery: ", "class: prod", "environments:", "sentinels: []", "%YAML 1.2"};

  /** One checker a thread, as `chaos check` has one for all its files. */
  private final ThreadLocal<Checker> checker = ThreadLocal.withInitial(
      () -> new Checker(DriverRegistry.load(), new CheckOptions(false)));
  private final List<String> chaosSeeds;
  private final List<String> configSeeds;
  private final List<String> worldSeeds;
  private final Path home;

  private FuzzCampaign(List<String> chaos, List<String> config, List<String> world, Path home) {
    this.chaosSeeds = chaos;
    this.configSeeds = config;
    this.worldSeeds = world;
    this.home = home;
  }

  /** Seeds from the repository at {@code root}. */
  public static FuzzCampaign fromRepository(Path root) throws IOException {
    List<String> chaos = new ArrayList<>();
    for (String dir : List.of("runbooks", "stdlib", "src/test/resources/check",
        "src/test/resources/syntax")) {
      chaos.addAll(read(root.resolve(dir), ".chaos"));
    }
    List<String> worlds = new ArrayList<>(read(root.resolve("src/main/resources/sandbox"), ".yaml"));
    List<String> configs = new ArrayList<>();
    for (String yaml : yamlBlocks(root.resolve("docs"))) {
      (yaml.contains("environments:") ? configs : worlds).add(yaml);
    }
    if (chaos.isEmpty() || configs.isEmpty() || worlds.isEmpty()) {
      throw new IOException("no seeds under " + root.toAbsolutePath());
    }
    return new FuzzCampaign(chaos, configs, worlds, root.resolve("target/fuzz-home"));
  }

  private static List<String> read(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
        out.add(Files.readString(f));
      }
    }
    return out;
  }

  private static List<String> yamlBlocks(Path docs) throws IOException {
    Pattern block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    List<String> out = new ArrayList<>();
    for (String md : read(docs, ".md")) {
      Matcher m = block.matcher(md);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  public int seedCount() {
    return chaosSeeds.size() + configSeeds.size() + worldSeeds.size();
  }

  /** Runs {@code inputs} inputs drawn from {@code seed} on one thread. */
  public Report run(int inputs, long seed) {
    return run(0, inputs, seed, 1, null);
  }

  /**
   * Runs {@code inputs} inputs drawn from {@code seed}, spread over the three targets and over
   * {@code threads} threads: the inputs numbered {@code from} (inclusive) to {@code to}. Input
   * {@code i} depends only on the seed and {@code i}, so a finding is replayed by {@link #input}
   * and a campaign can be split over processes; {@code progress} (may be null) hears every
   * 10,000.
   */
  public Report run(int from, int to, long seed, int threads,
      java.util.function.IntConsumer progress) {
    int inputs = to - from;
    List<Finding> findings = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Finding> wallOutliers = java.util.Collections.synchronizedList(new ArrayList<>());
    Worst[] worst = {Worst.NONE, Worst.NONE, Worst.NONE}; // CPU, wall, allocated
    Costliest costliest = new Costliest();
    long[] maxHeap = {0};
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(from);
    Runtime rt = Runtime.getRuntime();
    long start = System.nanoTime();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
        Target target = target(i);
        String input = input(seed, i);
        Measured measured = measure(target, input);
        Cost cost = measured.cost();
        if (measured.problem() != null) {
          findings.add(new Finding(target, i, measured.problem(), input, cost));
        } else if (cost.cpuNanos() > SLOW_NANOS) {
          findings.add(new Finding(target, i, "took " + cost.describe(), input, cost));
        } else if (cost.wallNanos() > SLOW_NANOS) {
          wallOutliers.add(new Finding(target, i, "took " + cost.describe(), input, cost));
        }
        costliest.offer(new Worst(target, i, cost, input));
        synchronized (worst) {
          if (cost.cpuNanos() > worst[0].cost().cpuNanos()) {
            worst[0] = new Worst(target, i, cost, input);
          }
          if (cost.wallNanos() > worst[1].cost().wallNanos()) {
            worst[1] = new Worst(target, i, cost, input);
          }
          if (cost.allocatedBytes() > worst[2].cost().allocatedBytes()) {
            worst[2] = new Worst(target, i, cost, input);
          }
          if ((i & 63) == 0) {
            maxHeap[0] = Math.max(maxHeap[0], rt.totalMemory() - rt.freeMemory());
          }
        }
        if (progress != null && i > from && i % 10_000 == 0) {
          progress.accept(i);
        }
      }
    };
    List<Thread> pool = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(worker, "fuzz-" + t);
      thread.setDaemon(true);
      thread.start();
      pool.add(thread);
    }
    for (Thread thread : pool) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new Report(seed, inputs, System.nanoTime() - start, worst[0], worst[1], worst[2],
        maxHeap[0], byIndex(findings), byIndex(wallOutliers), costliest.all());
  }

  /**
   * The inputs most worth scaling ({@link #scaling}): of each target, the {@code KEEP} that
   * took the most CPU time, and the {@code KEEP} that took the most CPU time per character
   * (of those over {@link #NOISE_NANOS}, below which a ratio is noise).
   */
  static final class Costliest {
    static final int KEEP = 8;
    private final List<java.util.PriorityQueue<Worst>> queues = new ArrayList<>();

    Costliest() {
      for (int t = 0; t < Target.values().length; t++) {
        queues.add(new java.util.PriorityQueue<>(
            java.util.Comparator.comparingLong((Worst w) -> w.cost().cpuNanos())));
        queues.add(new java.util.PriorityQueue<>(
            java.util.Comparator.comparingDouble(Costliest::perChar)));
      }
    }

    private static double perChar(Worst w) {
      return w.cost().cpuNanos() / (double) Math.max(1, w.input().length());
    }

    synchronized void offer(Worst w) {
      offer(queues.get(2 * w.target().ordinal()), w);
      if (w.cost().cpuNanos() > NOISE_NANOS) {
        offer(queues.get(2 * w.target().ordinal() + 1), w);
      }
    }

    private static void offer(java.util.PriorityQueue<Worst> queue, Worst w) {
      queue.add(w);
      if (queue.size() > KEEP) {
        queue.poll();
      }
    }

    synchronized List<Worst> all() {
      java.util.Map<Integer, Worst> byIndex = new java.util.TreeMap<>();
      queues.forEach(q -> q.forEach(w -> byIndex.put(w.index(), w)));
      return List.copyOf(byIndex.values());
    }
  }

  /** Below this much CPU time a ratio of times is noise. */
  static final long NOISE_NANOS = 10_000_000L;

  /**
   * How the cost of an input grows with its size: the input at scales 1, 2 and 4
   * ({@link #input(long, int, int)}), its lengths and costs (each the cheaper of two readings),
   * and the problem ({@link #runOne}) of the first scale that had one, else null.
   */
  public record Scaling(Target target, int index, List<Integer> lengths, List<Cost> costs,
      String problem) {
    /** The exponent k of cost ~ length^k from scale 1 to 4; NaN when the length hardly grew. */
    public double cpuExponent() {
      return exponent(costs.get(0).cpuNanos(), costs.get(2).cpuNanos());
    }

    public double allocationExponent() {
      return exponent(costs.get(0).allocatedBytes(), costs.get(2).allocatedBytes());
    }

    private double exponent(long small, long large) {
      double grew = lengths.get(2) / (double) lengths.get(0);
      return grew < 1.5 || small <= 0 ? Double.NaN : Math.log(large / (double) small)
          / Math.log(grew);
    }

    /**
     * Clearly more than linear: a linear reader gives about 1, a quadratic one 2; the costs
     * must be large enough for the ratio to mean something.
     */
    public boolean superlinear() {
      return cpuExponent() > 1.5 && costs.get(2).cpuNanos() > 5 * NOISE_NANOS
          || allocationExponent() > 1.5 && costs.get(2).allocatedBytes() > 64L << 20;
    }

    public String describe() {
      StringBuilder b = new StringBuilder(target + " #" + index + ":");
      for (int i = 0; i < lengths.size(); i++) {
        b.append(i == 0 ? " " : "; ").append(lengths.get(i)).append(" chars ")
            .append(costs.get(i).describe());
      }
      return b.append(String.format("; exponent %.2f CPU, %.2f allocation%s%s", cpuExponent(),
          allocationExponent(), superlinear() ? ": SUPERLINEAR" : "", problem == null ? ""
              : "; FAILED: " + problem.lines().findFirst().orElse(""))).toString();
    }
  }

  /** Each of {@code inputs} of the campaign of {@code seed} read at scales 1, 2 and 4. */
  public List<Scaling> scaling(long seed, List<Worst> inputs) {
    List<Scaling> out = new ArrayList<>();
    for (Worst w : inputs) {
      List<Integer> lengths = new ArrayList<>();
      List<Cost> costs = new ArrayList<>();
      String problem = null;
      for (int scale : new int[] {1, 2, 4}) {
        String input = input(seed, w.index(), scale);
        Measured first = measure(w.target(), input);
        Cost second = measure(w.target(), input).cost();
        lengths.add(input.length());
        costs.add(first.cost().cpuNanos() <= second.cpuNanos() ? first.cost() : second);
        problem = problem != null ? problem : first.problem();
      }
      out.add(new Scaling(w.target(), w.index(), lengths, costs, problem));
    }
    return out;
  }

  private static List<Finding> byIndex(List<Finding> findings) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(java.util.Comparator.comparingInt(Finding::index));
    return sorted;
  }

  /** The outcome of one input ({@link #runOne}) and what it cost the current thread. */
  public record Measured(String problem, Cost cost) {}

  /** Reads {@code input} as {@code target} on the current thread, measuring it. */
  public Measured measure(Target target, String input) {
    long allocated0 = meter.allocatedBytes();
    long cpu0 = meter.cpuNanos();
    long wall0 = System.nanoTime();
    String problem = runOne(target, input);
    long wall = System.nanoTime() - wall0;
    long cpu = meter.cpuNanos() - cpu0;
    long allocated = allocated0 < 0 ? -1 : meter.allocatedBytes() - allocated0;
    return new Measured(problem, new Cost(cpu, wall, allocated));
  }

  public static Target target(int index) {
    return Target.values()[index % 3];
  }

  /** Input {@code index} of the campaign of {@code seed}. */
  public String input(long seed, int index) {
    return input(seed, index, 1);
  }

  /**
   * Input {@code index} with its repeated pieces, nesting and splices {@code scale} times as
   * long: the same random draws, so the same kind of input, larger (later mutations may land
   * elsewhere, as they draw their place from the length).
   */
  public String input(long seed, int index, int scale) {
    Random random = new Random(seed * 1_000_003L + index);
    Target target = target(index);
    List<String> seeds = target == Target.CHECK ? chaosSeeds
        : target == Target.CONFIG ? configSeeds : worldSeeds;
    return mutate(seeds, target == Target.CHECK ? CHAOS_TOKENS : YAML_TOKENS, random, scale);
  }

  /** Null when the reader coped: a result or its own kind of error. */
  public String runOne(Target target, String input) {
    try {
      switch (target) {
        case CHECK:
          return check(input);
        case CONFIG:
          try {
            ChaosConfig.parse(Path.of("fuzz.yaml"), input, home);
          } catch (ConfigException expected) {
            return blankMessage(expected);
          }
          return null;
        default:
          try {
            WorldLoader.parse(input, "fuzz-world.yaml");
          } catch (WorldFileException expected) {
            return blankMessage(expected);
          }
          return null;
      }
    } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {
      return stackTrace(e);
    }
  }

  private String check(String input) {
    Diagnostics sink = new Diagnostics();
    List<Throwable> internal = new ArrayList<>();
    checker.get().check(new SourceFile("fuzz.chaos", input), sink, internal::add);
    if (!internal.isEmpty()) {
      return "checker failure: " + stackTrace(internal.get(0));
    }
    for (Diagnostic d : sink.sorted()) {
      if (d.span().end() > d.span().source().text().length()) {
        return d.code() + " span " + d.span().start() + ".." + d.span().end() + " ends past the"
            + " text (" + d.span().source().text().length() + " chars): " + d.message();
      }
    }
    return null;
  }

  private static String blankMessage(Exception e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? "an error without a message"
        : null;
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    String text = out.toString();
    return text.length() > 4000 ? text.substring(0, 4000) : text;
  }

  // ---- mutations ----------------------------------------------------------------------------

  static String mutate(List<String> seeds, String[] tokens, Random random, int scale) {
    String text = seeds.get(random.nextInt(seeds.size()));
    int rounds = 1 + random.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      text = once(text, seeds, tokens, random, scale);
    }
    return text;
  }

  private static String once(String text, List<String> seeds, String[] tokens, Random random,
      int scale) {
    StringBuilder b = new StringBuilder(text);
    int at = b.length() == 0 ? 0 : random.nextInt(b.length() + 1);
    switch (random.nextInt(9)) {
      case 0: // flip bits of a character
        if (b.length() > 0) {
          int i = Math.min(at, b.length() - 1);
          b.setCharAt(i, (char) (b.charAt(i) ^ (1 << random.nextInt(8))));
        }
        break;
      case 1: { // splice a piece of another seed
        String other = seeds.get(random.nextInt(seeds.size()));
        int from = other.isEmpty() ? 0 : random.nextInt(other.length());
        int to = Math.min(other.length(), from + random.nextInt(400) * scale);
        b.insert(at, other, from, to);
        break;
      }
      case 2: // insert a token
        b.insert(at, tokens[random.nextInt(tokens.length)]);
        break;
      case 3: { // delete a run
        int to = Math.min(b.length(), at + 1 + random.nextInt(40));
        b.delete(at, to);
        break;
      }
      case 4: { // deep nesting
        String[] open = {"(", "[", "{", "${", "- ", "[[", "{a: "};
        String o = open[random.nextInt(open.length)];
        int depth = (50 + random.nextInt(random.nextBoolean() ? 200 : 3000)) * scale;
        b.insert(at, o.repeat(depth));
        break;
      }
      case 5: { // a huge number
        String[] huge = {"9".repeat(30), "1" + "0".repeat(400) + ".5", "99999999999999999999d",
            "1e309", "-9223372036854775809", "9223372036854775807ms", "1" + "0".repeat(25) + "%",
            "0." + "0".repeat(400) + "1"};
        b.insert(at, huge[random.nextInt(huge.length)]);
        break;
      }
      case 6: { // unicode
        String[] odd = {"\u0000", "\uFEFF", "\u202E", "\uD83D\uDE00", "\uD800", "\uDC00", "é",
            "\u2028", "\u00A0", "\u200B", "ｒｕｎｂｏｏｋ", "\uFFFD", "\u0085"};
        b.insert(at, odd[random.nextInt(odd.length)]);
        break;
      }
      case 7: { // repeat a piece many times
        int to = Math.min(b.length(), at + 1 + random.nextInt(30));
        String piece = b.substring(at, to);
        if (!piece.isEmpty()) {
          b.insert(at, piece.repeat((1 + random.nextInt(200)) * scale));
        }
        break;
      }
      default: { // cut the text
        b.setLength(at);
        break;
      }
    }
    return b.toString();
  }

  static String shorten(String text) {
    String one = text.replace("\n", "\\n");
    return one.length() > 60 ? one.substring(0, 57) + "..." : one;
  }

  /**
   * Writes each finding to {@code dir}, one file per input ({@code check-17.txt}) with its
   * problem and cost ({@code check-17.problem}); {@link #targetOfSaved} reads the target back.
   */
  public static void save(List<Finding> findings, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Finding f : findings) {
      String name = f.target().name().toLowerCase() + "-" + f.index();
      // getBytes replaces a lone surrogate where writeString would throw
      Files.write(dir.resolve(name + ".txt"), f.input().getBytes(StandardCharsets.UTF_8));
      Files.writeString(dir.resolve(name + ".problem"), f.problem() + "\n" + f.cost().describe()
          + "\n", StandardCharsets.UTF_8);
    }
  }

  /** The target of an input saved by {@link #save}, from its file name. */
  public static Target targetOfSaved(Path file) {
    String name = file.getFileName().toString();
    return Target.valueOf(name.substring(0, name.indexOf('-')).toUpperCase(java.util.Locale.ROOT));
  }
}
