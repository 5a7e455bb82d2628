package dev.chaos.spi;

import dev.chaos.types.Type;
import java.util.List;

/**
 * Parameters and result of a builtin. With {@code variadic}, the last positional parameter takes
 * any number of arguments (`shell.run(cmd, args...)`). Each set in {@code exactlyOneOf} names
 * named parameters of which a call must pass exactly one (`kill_pods(fraction: | count:)`).
 */
public record Signature(List<Param> params, Type result, boolean variadic,
    List<List<String>> exactlyOneOf) {
  public Signature {
    params = List.copyOf(params);
    exactlyOneOf = exactlyOneOf.stream().map(List::copyOf).toList();
  }

  public static Signature of(Type result, Param... params) {
    return new Signature(List.of(params), result, false, List.of());
  }

  public Signature withVariadicTail() {
    return new Signature(params, result, true, exactlyOneOf);
  }

  public Signature withExactlyOneOf(String... names) {
    var groups = new java.util.ArrayList<>(exactlyOneOf);
    groups.add(List.of(names));
    return new Signature(params, result, variadic, groups);
  }

  public List<Param> positional() {
    return params.stream().filter(p -> !p.named()).toList();
  }

  public List<Param> namedParams() {
    return params.stream().filter(Param::named).toList();
  }
}
