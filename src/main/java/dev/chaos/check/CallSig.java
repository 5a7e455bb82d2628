package dev.chaos.check;

import dev.chaos.spi.Builtin;
import dev.chaos.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One shape for everything callable, so calls to builtins and to user `fn`s and `action`s are
 * checked by the same code. A builtin's positional parameters are passed by position only and
 * its named ones by name only; a user parameter may be passed either way, and is optional when
 * it has a default.
 */
record CallSig(String displayName, List<SigParam> params, Type result, boolean variadic,
    List<List<String>> exactlyOneOf) {
  CallSig {
    params = List.copyOf(params);
    exactlyOneOf = exactlyOneOf.stream().map(List::copyOf).toList();
  }

  record SigParam(String name, Type type, boolean positional, boolean byName, boolean required) {
    /** How the parameter reads in messages: `labels: String`, `fraction:`. */
    String shown() {
      return name + ": " + type.display();
    }
  }

  static CallSig of(Builtin b) {
    List<SigParam> params = new ArrayList<>();
    for (dev.chaos.spi.Param p : b.signature().params()) {
      params.add(new SigParam(p.name(), p.type(), !p.named(), p.named(), p.required()));
    }
    return new CallSig(b.qualifiedName(), params, b.signature().result(),
        b.signature().variadic(), b.signature().exactlyOneOf());
  }

  List<SigParam> positionalParams() {
    return params.stream().filter(SigParam::positional).toList();
  }

  List<String> byNameNames() {
    return params.stream().filter(SigParam::byName).map(SigParam::name).toList();
  }

  Optional<SigParam> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The parameter that takes the variadic tail: the last positional one. */
  SigParam variadicParam() {
    List<SigParam> positional = positionalParams();
    return variadic && !positional.isEmpty() ? positional.get(positional.size() - 1) : null;
  }
}
