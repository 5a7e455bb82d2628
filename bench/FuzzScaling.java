// The scaling probe (run with `bench/fuzz.sh scaling [NAME]`): inputs built to grow one
// structure each (names in scope and misspellings, branches, steps, arguments, list items,
// text block lines, long scalars, YAML keys, aliases and nesting, world objects), read at N, 2N
// and 4N by `chaos check`, the config reader or the world reader. Each prints its CPU time and
// allocation and the exponent k of cost ~ length^k; a reader whose cost grows clearly faster
// than its input (FuzzCampaign.Scaling.superlinear) makes the probe exit 1. The campaign's
// random inputs rarely grow one structure far enough for that to show.
// Single-file source program: `java -cp CLASSPATH bench/FuzzScaling.java [NAME]`.

import dev.chaos.fuzz.FuzzCampaign;
import dev.chaos.fuzz.FuzzCampaign.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

public class FuzzScaling {
  record Fam(String name, Target t, int n, IntFunction<String> gen) {}

  static String rb(String body) {
    return "runbook \"r\" {\n  environment staging\n" + body + "}\n";
  }

  static String steps(int n, IntFunction<String> one) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(one.apply(i));
    }
    return b.toString();
  }

  public static void main(String[] a) throws Exception {
    FuzzCampaign c = FuzzCampaign.fromRepository(Path.of("."));
    List<Fam> fams = List.of(
      new Fam("lets+typos", Target.CHECK, 1000, n -> rb(steps(n, i -> "  let value_" + i + " = " + i + "\n") + "  step \"s\" {\n" + steps(n, i -> "    log(\"${valeu_" + i + "}\")\n") + "  }\n")),
      new Fam("dup steps", Target.CHECK, 1000, n -> rb(steps(n, i -> "  step \"s\" { wait 1s }\n"))),
      new Fam("many steps", Target.CHECK, 1000, n -> rb(steps(n, i -> "  step \"s" + i + "\" { wait 1s }\n"))),
      new Fam("unknown calls", Target.CHECK, 1000, n -> rb("  step \"s\" {\n" + steps(n, i -> "    k8s.kil_pods" + i + "()\n") + "  }\n")),
      new Fam("syntax errors", Target.CHECK, 1000, n -> rb(steps(n, i -> "  step \"s" + i + "\" { ) ( }\n"))),
      new Fam("garbage tokens", Target.CHECK, 2000, n -> rb("  " + ") ".repeat(n))),
      new Fam("long line", Target.CHECK, 20000, n -> rb("  step \"s\" { log(\"" + "x".repeat(n) + "\") }\n")),
      new Fam("long binary", Target.CHECK, 1000, n -> rb("  let x = " + "1 + ".repeat(n) + "1\n")),
      new Fam("long interp", Target.CHECK, 1000, n -> rb("  let x = \"" + "${1}".repeat(n) + "\"\n")),
      new Fam("many args", Target.CHECK, 1000, n -> rb("  step \"s\" { log(" + "1, ".repeat(n) + "1) }\n")),
      new Fam("dup named args", Target.CHECK, 1000, n -> rb("  step \"s\" { k8s.kill_pods(" + "count: 1, ".repeat(n) + ") }\n")),
      new Fam("big list", Target.CHECK, 2000, n -> rb("  let x = [" + "1, ".repeat(n) + "1]\n")),
      new Fam("record keys", Target.CHECK, 1000, n -> rb("  let x = {" + steps(n, i -> "k" + i + ": 1, ") + "z: 1}\n")),
      new Fam("dup record keys", Target.CHECK, 1000, n -> rb("  let x = {" + "k: 1, ".repeat(n) + "z: 1}\n")),
      new Fam("unclosed braces", Target.CHECK, 1000, n -> rb("  step \"s\" {\n".repeat(n))),
      new Fam("text block lines", Target.CHECK, 20000, n -> rb("  let x = \"\"\"\n" + "    line\n".repeat(n) + "    \"\"\"\n")),
      new Fam("if chain", Target.CHECK, 500, n -> rb("  step \"s\" {\n" + steps(n, i -> "    if true { log(\"a\") } else ") + "{ log(\"b\") }\n  }\n")),
      new Fam("imports", Target.CHECK, 300, n -> steps(n, i -> "import \"slo\"\n") + rb("")),
      new Fam("bad imports", Target.CHECK, 300, n -> steps(n, i -> "import \"nope" + i + "\"\n") + rb("")),
      new Fam("many runbooks", Target.CHECK, 300, n -> steps(n, i -> rb(""))),
      new Fam("fn chain", Target.CHECK, 500, n -> steps(n, i -> "fn f" + i + "() -> Int = f" + (i + 1) + "()\n") + rb("")),
      new Fam("comments", Target.CHECK, 20000, n -> rb("  /* " + "* /".repeat(n) + " */\n")),
      new Fam("cfg envs", Target.CONFIG, 500, n -> "environments:\n" + steps(n, i -> "  e" + i + ":\n    class: staging\n")),
      new Fam("cfg bad envs", Target.CONFIG, 500, n -> "environments:\n" + steps(n, i -> "  e" + i + ":\n    clas: staging\n")),
      new Fam("cfg dup keys", Target.CONFIG, 500, n -> "environments:\n  e:\n" + steps(n, i -> "    k" + i + ": 1\n")),
      new Fam("cfg aliases", Target.CONFIG, 20, n -> "a0: &a0 [x, x]\n" + steps(n, i -> "a" + (i + 1) + ": &a" + (i + 1) + " [*a" + i + ", *a" + i + "]\n") + "environments: *a" + n + "\n"),
      new Fam("cfg merges", Target.CONFIG, 200, n -> "b: &b {class: staging}\nenvironments:\n" + steps(n, i -> "  e" + i + ": {<<: *b}\n")),
      new Fam("cfg long url", Target.CONFIG, 20000, n -> "environments:\n  e:\n    class: staging\n    prometheus: {url: http://" + "a".repeat(n) + ":9090/x}\n"),
      new Fam("cfg url atat", Target.CONFIG, 20000, n -> "environments:\n  e:\n    class: staging\n    prometheus: {url: \"" + "a://".repeat(n) + "\"}\n"),
      new Fam("cfg deep flow", Target.CONFIG, 200, n -> "environments: " + "[".repeat(n) + "]".repeat(n) + "\n"),
      new Fam("world pods", Target.WORLD, 300, n -> "clusters:\n  default:\n    namespace: a\n    namespaces: [a]\n    deployments:\n" + steps(n, i -> "      - name: d" + i + "\n        namespace: a\n        labels: {app: d" + i + "}\n        replicas: 3\n")),
      new Fam("world dup deps", Target.WORLD, 300, n -> "clusters:\n  default:\n    namespace: a\n    namespaces: [a]\n    deployments:\n" + steps(n, i -> "      - name: d\n        namespace: a\n        labels: {app: d}\n        replicas: 3\n")),
      new Fam("world labels", Target.WORLD, 300, n -> "clusters:\n  default:\n    namespace: a\n    namespaces: [a]\n    deployments:\n      - name: d\n        namespace: a\n        labels: {" + steps(n, i -> "l" + i + ": v, ") + "app: d}\n        replicas: 3\n"),
      new Fam("world bad keys", Target.WORLD, 300, n -> "clusters:\n  default:\n    namespace: a\n    namespaces: [a]\n    deployments:\n" + steps(n, i -> "      - nam: d" + i + "\n")),
      new Fam("world namespaces", Target.WORLD, 1000, n -> "clusters:\n  default:\n    namespace: a\n    namespaces: [" + steps(n, i -> "n" + i + ", ") + "a]\n")
    );
    String only = a.length > 0 ? a[0] : null;
    List<Fam> chosen = fams.stream().filter(f -> only == null || f.name().contains(only)).toList();
    for (int warm = 0; warm < 2; warm++) {
      for (Fam f : chosen) {
        c.measure(f.t(), f.gen().apply(f.n() / 4));
      }
    }
    int superlinear = 0;
    for (Fam f : chosen) {
      List<Integer> lengths = new ArrayList<>();
      List<FuzzCampaign.Cost> costs = new ArrayList<>();
      String problem = null;
      for (int k = 0; k < 3; k++) {
        String input = f.gen().apply(f.n() << k);
        FuzzCampaign.Measured first = c.measure(f.t(), input);
        FuzzCampaign.Cost second = c.measure(f.t(), input).cost();
        lengths.add(input.length());
        costs.add(first.cost().cpuNanos() <= second.cpuNanos() ? first.cost() : second);
        problem = problem != null ? problem : first.problem();
      }
      FuzzCampaign.Scaling s = new FuzzCampaign.Scaling(f.t(), f.n(), lengths, costs, problem);
      System.out.printf("%-18s %s%n", f.name(), s.describe());
      superlinear += s.superlinear() || problem != null ? 1 : 0;
    }
    System.out.println(superlinear + " of " + chosen.size() + " grow faster than their input");
    System.exit(superlinear == 0 ? 0 : 1);
  }
}
