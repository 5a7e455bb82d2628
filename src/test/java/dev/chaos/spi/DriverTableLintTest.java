package dev.chaos.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverTableLintTest {
  private static Driver driver(String namespace, Builtin... builtins) {
    return new Driver() {
      public String namespace() {
        return namespace;
      }

      public String doc() {
        return "A test driver.";
      }

      public List<Builtin> builtins() {
        return List.of(builtins);
      }
    };
  }

  private static Builtin read(String name, Signature sig) {
    return new Builtin("t", name, sig, Effect.READ, "", "Reads " + name + ".");
  }

  private static List<String> problemsOf(Builtin b) {
    return DriverTableLint.problems(driver("t", b));
  }

  @Test
  void aWellFormedTableHasNoProblems() {
    Signature sig = Signature.of(Type.list(Type.STRING),
        Param.positional("sel", Type.STRING, "Which."),
        Param.optionalPositional("labels", Type.STRING, "all", "Filter."),
        Param.named("fraction", Type.PERCENT, "", "Share."),
        Param.named("count", Type.INT, "", "Number."),
        Param.named("cluster", Type.STRING, "default", "Where.")).withExactlyOneOf("fraction", "count");
    Builtin kill = new Builtin("t", "kill", sig, Effect.MUTATE, "", "Kills.");
    Builtin scale = new Builtin("t", "scale", Signature.of(Type.UNIT), Effect.MUTATE, "scales back",
        "Scales.");
    assertThat(DriverTableLint.problems(driver("t", kill, scale))).isEmpty();
  }

  @Test
  void reportsDuplicateNamesMissingDocsAndForeignNamespaces() {
    Builtin a = read("a", Signature.of(Type.INT));
    Builtin undocumented = new Builtin("t", "b", Signature.of(Type.INT), Effect.READ, "", " ");
    Builtin foreign = new Builtin("other", "c", Signature.of(Type.INT), Effect.READ, "", "C.");
    Builtin twoLines = new Builtin("t", "d", Signature.of(Type.INT), Effect.READ, "", "D.\nMore.");
    assertThat(DriverTableLint.problems(driver("t", a, a, undocumented, foreign, twoLines)))
        .containsExactlyInAnyOrder(
            "`t.a` is declared twice",
            "`t.b` needs a one-line doc",
            "`other.c` claims namespace `other` inside driver `t`",
            "`t.d` needs a one-line doc");
  }

  @Test
  void reportsAnInverseOnAReadCall() {
    Builtin b = new Builtin("t", "peek", Signature.of(Type.INT), Effect.READ, "un-peeks", "Peeks.");
    assertThat(problemsOf(b)).containsExactly("`t.peek` is read-only but declares an inverse");
  }

  @Test
  void reportsParameterOrderAndDefaults() {
    Signature sig = Signature.of(Type.INT,
        Param.optionalPositional("a", Type.INT, "0", "A."),
        Param.positional("b", Type.INT, "B."),
        Param.named("c", Type.INT, "", "C."),
        Param.positional("d", Type.INT, "D."),
        new Param("e", Type.INT, true, true, "5", "E.", null, null),
        Param.named("c", Type.INT, "1", ""));
    assertThat(problemsOf(read("f", sig))).containsExactlyInAnyOrder(
        "`t.f` parameter `b` is required after an optional positional parameter",
        "`t.f` parameter `c` is optional but does not say what its absence means",
        "`t.f` parameter `d` is positional after a named parameter",
        "`t.f` parameter `e` is required but documents a default",
        "`t.f` parameter `c` is declared twice",
        "`t.f` parameter `c` needs a one-line doc");
  }

  @Test
  void reportsExactlyOneOfGroupsThatNameNoOptionalNamedParameter() {
    Signature sig = Signature.of(Type.INT,
        Param.positional("p", Type.INT, "P."),
        Param.named("n", Type.INT, "", "N."),
        Param.named("m", Type.INT, "", "M."))
        .withExactlyOneOf("n", "ghost")
        .withExactlyOneOf("p", "m", "n")
        .withExactlyOneOf("m");
    assertThat(problemsOf(read("f", sig))).containsExactlyInAnyOrder(
        "`t.f` exactly-one-of names unknown parameter `ghost`",
        "`t.f` exactly-one-of names `p`, which is not optional and named",
        "`t.f` names `n` in two exactly-one-of groups",
        "`t.f` names `m` in two exactly-one-of groups",
        "`t.f` has an exactly-one-of group with fewer than two names");
  }

  @Test
  void reportsUnboundTypeVariablesAndBadVariadics() {
    Type t = new Type.Var("T");
    assertThat(problemsOf(read("any", Signature.of(t))))
        .containsExactly("`t.any` returns type variable `T` that no parameter binds");
    assertThat(problemsOf(read("first", Signature.of(t,
        Param.positional("items", Type.list(t), "Items."))))).isEmpty();
    assertThat(problemsOf(read("v", Signature.of(Type.INT).withVariadicTail())))
        .containsExactly("`t.v` is variadic without a positional parameter");
    assertThat(problemsOf(read("w", Signature.of(Type.INT,
        Param.optionalPositional("x", Type.INT, "0", "X."),
        Param.optionalPositional("rest", Type.INT, "none", "Rest.")).withVariadicTail())))
        .containsExactly("`t.w` is variadic and has an optional positional parameter before its tail");
    // an optional tail takes zero or more arguments; a required one at least one
    assertThat(problemsOf(read("run", Signature.of(Type.INT,
        Param.positional("cmd", Type.STRING, "Cmd."),
        Param.optionalPositional("args", Type.STRING, "none", "Args.")).withVariadicTail())))
        .isEmpty();
  }

  @Test
  void reportsOneRecordNameWithTwoShapesAcrossDrivers() {
    Builtin a = new Builtin("a", "f", Signature.of(Type.record("Point", "x", Type.INT)),
        Effect.READ, "", "F.");
    Builtin b = new Builtin("b", "g", Signature.of(Type.list(
        Type.record("Point", "x", Type.FLOAT))), Effect.READ, "", "G.");
    assertThat(DriverTableLint.problems(List.of(driver("a", a), driver("b", b))))
        .containsExactly("record type `Point` has different fields in driver `b`");
  }
}
