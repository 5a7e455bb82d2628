package dev.chaos.spi;

import dev.chaos.types.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules a signature table must follow so that the checker can match calls against it without
 * ambiguity and the generated docs are complete. Driver authors (a jar on the class path can add
 * a driver) run it in a test; each problem is one sentence naming the function.
 */
public final class DriverTableLint {
  private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_]*");

  private DriverTableLint() {}

  /** Problems of each driver, plus record types that two drivers define differently. */
  public static List<String> problems(Collection<Driver> drivers) {
    List<String> out = new ArrayList<>();
    for (Driver d : drivers) {
      out.addAll(problems(d));
    }
    Map<String, Type.Rec> seen = new HashMap<>();
    for (Driver d : drivers) {
      Map<String, Type.Rec> own = new HashMap<>();
      for (Builtin b : d.builtins()) {
        NamedRecords.collect(b.signature().result(), own);
        b.signature().params().forEach(p -> NamedRecords.collect(p.type(), own));
      }
      for (Type.Rec r : own.values()) {
        Type.Rec earlier = seen.putIfAbsent(r.name(), r);
        if (earlier != null && !earlier.equals(r)) {
          out.add("record type `" + r.name() + "` has different fields in driver `"
              + d.namespace() + "`");
        }
      }
    }
    return out;
  }

  public static List<String> problems(Driver driver) {
    List<String> out = new ArrayList<>();
    String ns = driver.namespace();
    if (!ns.isEmpty() && !IDENT.matcher(ns).matches()) {
      out.add("namespace `" + ns + "` is not a lowercase identifier");
    }
    if (!isOneLine(driver.doc())) {
      out.add("driver `" + ns + "` needs a one-line doc");
    }
    if (driver.builtins().isEmpty()) {
      out.add("driver `" + ns + "` declares no functions");
    }
    Set<String> names = new HashSet<>();
    for (Builtin b : driver.builtins()) {
      String where = "`" + b.qualifiedName() + "`";
      if (!b.namespace().equals(ns)) {
        out.add(where + " claims namespace `" + b.namespace() + "` inside driver `" + ns + "`");
      }
      if (!IDENT.matcher(b.name()).matches()) {
        out.add(where + " is not a lowercase identifier");
      }
      if (!names.add(b.name())) {
        out.add(where + " is declared twice");
      }
      checkBuiltin(b, where, out);
    }
    return out;
  }

  private static void checkBuiltin(Builtin b, String where, List<String> out) {
    if (!isOneLine(b.doc())) {
      out.add(where + " needs a one-line doc");
    }
    if (b.effect() == null) {
      out.add(where + " has no effect");
    } else if (b.effect() == Effect.READ && b.hasInverse()) {
      out.add(where + " is read-only but declares an inverse");
    }
    if (b.hasInverse() && !isOneLine(b.inverse())) {
      out.add(where + " needs a one-line inverse");
    }
    Signature sig = b.signature();
    if (sig.result().isError()) {
      out.add(where + " returns the error type");
    }
    checkParams(sig, where, out);
    checkExactlyOneOf(sig, where, out);
    checkTypeVariables(sig, where, out);
  }

  private static void checkParams(Signature sig, String where, List<String> out) {
    Set<String> seen = new HashSet<>();
    boolean namedSeen = false;
    boolean optionalPositionalSeen = false;
    Set<String> inGroups = new HashSet<>();
    sig.exactlyOneOf().forEach(inGroups::addAll);
    for (Param p : sig.params()) {
      String param = where + " parameter `" + p.name() + "`";
      if (!IDENT.matcher(p.name()).matches()) {
        out.add(param + " is not a lowercase identifier");
      }
      if (!seen.add(p.name())) {
        out.add(param + " is declared twice");
      }
      if (!isOneLine(p.doc())) {
        out.add(param + " needs a one-line doc");
      }
      if (p.type() == Type.UNIT || p.type().isError()) {
        out.add(param + " has type " + p.type().display());
      }
      if (p.named()) {
        namedSeen = true;
      } else if (namedSeen) {
        out.add(param + " is positional after a named parameter");
      } else if (!p.required()) {
        optionalPositionalSeen = true;
      } else if (optionalPositionalSeen) {
        out.add(param + " is required after an optional positional parameter");
      }
      boolean grouped = inGroups.contains(p.name());
      if (p.required() && !p.defaultDoc().isEmpty()) {
        out.add(param + " is required but documents a default");
      }
      if (!p.required() && !grouped && p.defaultDoc().isEmpty()) {
        out.add(param + " is optional but does not say what its absence means");
      }
    }
    if (sig.variadic()) {
      List<Param> positional = sig.positional();
      if (positional.isEmpty()) {
        out.add(where + " is variadic without a positional parameter");
      } else if (positional.subList(0, positional.size() - 1).stream()
          .anyMatch(p -> !p.required())) {
        // `f(a, [b], c...)` cannot tell b from the first of c; only the tail may be optional
        out.add(where + " is variadic and has an optional positional parameter before its tail");
      }
    }
  }

  private static void checkExactlyOneOf(Signature sig, String where, List<String> out) {
    Set<String> grouped = new HashSet<>();
    for (List<String> group : sig.exactlyOneOf()) {
      if (group.size() < 2) {
        out.add(where + " has an exactly-one-of group with fewer than two names");
      }
      for (String name : group) {
        Param p = sig.params().stream().filter(x -> x.name().equals(name)).findFirst()
            .orElse(null);
        if (p == null) {
          out.add(where + " exactly-one-of names unknown parameter `" + name + "`");
        } else if (!p.named() || p.required()) {
          out.add(where + " exactly-one-of names `" + name + "`, which is not optional and named");
        }
        if (!grouped.add(name)) {
          out.add(where + " names `" + name + "` in two exactly-one-of groups");
        }
      }
    }
  }

  /** A type variable in the result must be bound by an argument, else it is unknowable. */
  private static void checkTypeVariables(Signature sig, String where, List<String> out) {
    Set<String> bound = new HashSet<>();
    sig.params().forEach(p -> variables(p.type(), bound));
    Set<String> used = new HashSet<>();
    variables(sig.result(), used);
    used.removeAll(bound);
    for (String v : used) {
      out.add(where + " returns type variable `" + v + "` that no parameter binds");
    }
  }

  private static void variables(Type type, Set<String> into) {
    if (type instanceof Type.Var v) {
      into.add(v.name());
    } else if (type instanceof Type.ListOf l) {
      variables(l.element(), into);
    } else if (type instanceof Type.MapOf m) {
      variables(m.key(), into);
      variables(m.value(), into);
    } else if (type instanceof Type.Union u) {
      u.options().forEach(o -> variables(o, into));
    } else if (type instanceof Type.Rec r) {
      r.fields().values().forEach(f -> variables(f, into));
    }
  }

  private static boolean isOneLine(String text) {
    return text != null && !text.isBlank() && text.indexOf('\n') < 0;
  }
}
