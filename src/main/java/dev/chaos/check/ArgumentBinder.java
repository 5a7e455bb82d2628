package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.source.Span;
import dev.chaos.syntax.ast.Arg;
import dev.chaos.syntax.ast.Expr;
import dev.chaos.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Matches the arguments of one call to its signature: positional ones in order (the last
 * positional parameter of a variadic signature takes the rest), named ones by name; then
 * arity, missing and conflicting arguments, and argument types with generic parameters bound
 * left to right.
 */
final class ArgumentBinder {
  private final Reporter reporter;
  private final Expectations expect;

  record Bound(Map<String, Expr> arguments, List<Expr> rest, Type result) {}

  ArgumentBinder(Reporter reporter, Expectations expect) {
    this.reporter = reporter;
    this.expect = expect;
  }

  Bound bind(Expr.Call call, CallSig sig, List<Type> argTypes) {
    Map<String, Arg> given = new HashMap<>();
    List<Arg> rest = new ArrayList<>();
    List<Arg> extra = new ArrayList<>();
    List<CallSig.SigParam> positional = sig.positionalParams();
    CallSig.SigParam variadic = sig.variadicParam();
    Map<Arg, Type> typeOf = new java.util.IdentityHashMap<>();
    int next = 0;
    boolean unknownName = false;
    for (int i = 0; i < call.args().size(); i++) {
      Arg a = call.args().get(i);
      typeOf.put(a, argTypes.get(i));
      if (!a.isNamed()) {
        while (next < positional.size() && positional.get(next) != variadic
            && given.containsKey(positional.get(next).name())) {
          next++;
        }
        if (next < positional.size() && positional.get(next) == variadic) {
          rest.add(a);
        } else if (next < positional.size()) {
          given.put(positional.get(next++).name(), a);
        } else {
          extra.add(a);
        }
        continue;
      }
      unknownName |= !named(a, sig, given);
    }
    if (!extra.isEmpty()) {
      tooMany(call, sig, extra);
    }
    if (!unknownName) {
      // a misspelled name (`fracton:`) is most likely the argument that looks missing
      missing(call, sig, given);
      exactlyOne(call, sig, given);
    }

    Map<String, Type> bindings = new HashMap<>();
    Map<String, Expr> arguments = new LinkedHashMap<>();
    for (CallSig.SigParam p : sig.params()) {
      Arg a = given.get(p.name());
      if (a != null) {
        arguments.put(p.name(), a.value());
        argumentType(a, typeOf.get(a), p, sig, bindings);
      }
    }
    for (Arg a : rest) {
      argumentType(a, typeOf.get(a), variadic, sig, bindings);
    }
    Type result = Unify.substitute(sig.result(), bindings);
    return new Bound(arguments, rest.stream().map(Arg::value).toList(), result);
  }

  /** Binds a named argument; false when the signature has no parameter of its name (CH0205). */
  private boolean named(Arg a, CallSig sig, Map<String, Arg> given) {
    String name = a.name().name();
    CallSig.SigParam p = sig.param(name).orElse(null);
    if (p == null || !p.byName()) {
      String help = p != null
          ? "`" + name + "` is positional: pass it without `" + name + ":`"
          : dev.chaos.diag.Suggest.closest(name, sig.byNameNames())
              .map(s -> "did you mean `" + s + ":`?").orElse(null);
      reporter.report(Code.CH0205, a.name().span(), "unknown named argument `" + name + "`",
          "`" + sig.displayName() + "` has no parameter `" + name + ":`", help);
      return false;
    }
    Arg first = given.putIfAbsent(name, a);
    if (first != null) {
      reporter.reportWithFirst(first.span(), "first given here",
          Code.CH0207, a.span(), "argument `" + name + "` is given twice",
          "already given on line " + first.span().startLine() + ", column "
              + first.span().startColumn(),
          "remove one of them");
    }
    return true;
  }

  private void tooMany(Expr.Call call, CallSig sig, List<Arg> extra) {
    long takes = sig.positionalParams().size();
    long given = call.args().stream().filter(a -> !a.isNamed()).count();
    Span span = extra.get(0).span().to(extra.get(extra.size() - 1).span());
    reporter.report(Code.CH0204, span,
        "`" + sig.displayName() + "` takes " + plural(takes, "positional argument") + " but "
            + given + (given == 1 ? " was" : " were") + " given",
        extra.size() == 1 ? "unexpected argument" : "unexpected arguments",
        signatureHelp(sig));
  }

  /** Positional-only parameters left out are an arity error; the others a missing argument. */
  private void missing(Expr.Call call, CallSig sig, Map<String, Arg> given) {
    List<CallSig.SigParam> absent = new ArrayList<>();
    for (CallSig.SigParam p : sig.params()) {
      // a variadic tail takes any number of arguments, none included
      if (p.required() && p != sig.variadicParam() && !given.containsKey(p.name())) {
        absent.add(p);
      }
    }
    if (absent.isEmpty()) {
      return;
    }
    String shown = absent.stream().map(p -> "`" + (p.positional() ? p.shown() : p.name() + ":")
        + "`").collect(Collectors.joining(", "));
    if (absent.stream().allMatch(p -> p.positional() && !p.byName())) {
      long takes = sig.positionalParams().stream().filter(CallSig.SigParam::required).count();
      long givenCount = call.args().stream().filter(a -> !a.isNamed()).count();
      reporter.report(Code.CH0204, call.callee().span(),
          "`" + sig.displayName() + "` takes " + plural(takes, "positional argument") + " but "
              + givenCount + (givenCount == 1 ? " was" : " were") + " given",
          "missing " + shown, signatureHelp(sig));
    } else {
      reporter.report(Code.CH0206, call.callee().span(),
          (absent.size() == 1 ? "missing argument " : "missing arguments ") + shown + " in call to `"
              + sig.displayName() + "`",
          "missing " + shown, signatureHelp(sig));
    }
  }

  private void exactlyOne(Expr.Call call, CallSig sig, Map<String, Arg> given) {
    for (List<String> group : sig.exactlyOneOf()) {
      List<Arg> present = group.stream().map(given::get).filter(a -> a != null).toList();
      String names = group.stream().map(n -> "`" + n + ":`").collect(Collectors.joining(" or "));
      if (present.isEmpty()) {
        reporter.report(Code.CH0210, call.callee().span(),
            "`" + sig.displayName() + "` needs exactly one of " + names,
            "neither is given", "add one of " + names);
      } else if (present.size() > 1) {
        Arg second = present.stream()
            .max(java.util.Comparator.comparingInt(a -> a.span().start())).orElseThrow();
        reporter.report(Code.CH0210, second.span(),
            group.stream().map(n -> "`" + n + ":`").collect(Collectors.joining(" and "))
                + " cannot be given together",
            "`" + sig.displayName() + "` takes exactly one of " + names,
            "remove all but one of them");
      }
    }
  }

  private void argumentType(Arg a, Type actual, CallSig.SigParam p, CallSig sig,
      Map<String, Type> bindings) {
    if (Unify.fits(actual, p.type(), bindings)) {
      return;
    }
    Type expected = Unify.substitute(p.type(), bindings);
    String label = "`" + p.name() + (p.positional() ? "" : ":") + "` of `" + sig.displayName()
        + "` takes " + Article.of(expected);
    expect.report(a.value(), actual, expected.isError() ? p.type() : expected, label);
  }

  private static String signatureHelp(CallSig sig) {
    String params = sig.params().stream()
        .map(p -> (p.positional() ? p.shown() : p.name() + ": " + p.type().display())
            + (p == sig.variadicParam() ? "..." : "") + (p.required() ? "" : "?"))
        .collect(Collectors.joining(", "));
    return "the signature is `" + sig.displayName() + "(" + params + ") -> "
        + sig.result().display() + "`";
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
