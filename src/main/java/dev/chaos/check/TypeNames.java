package dev.chaos.check;

import dev.chaos.diag.Code;
import dev.chaos.spi.DriverRegistry;
import dev.chaos.spi.NamedRecords;
import dev.chaos.syntax.ast.TypeRef;
import dev.chaos.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves types as written (`Percent`, `List[String]`, `PodSet`). Record type names are the
 * named records that appear anywhere in the drivers' signature tables.
 */
final class TypeNames {
  private final Map<String, Type> byName = new TreeMap<>();

  TypeNames(DriverRegistry drivers) {
    for (Type.Prim p : Type.Prim.values()) {
      if (p != Type.Prim.ERROR) {
        byName.put(p.display(), p);
      }
    }
    byName.putAll(NamedRecords.of(drivers.drivers()));
  }

  /** The type a reference names; reports CH0212 and gives the error type when it names none. */
  Type resolve(TypeRef ref, Reporter reporter) {
    if (ref == null || ref.name().isEmpty()) {
      // absent or unreadable: the parser has already said so
      return Type.ERROR;
    }
    List<Type> args = new ArrayList<>();
    for (TypeRef a : ref.args()) {
      args.add(resolve(a, reporter));
    }
    switch (ref.name()) {
      case "List":
        if (args.size() == 1) {
          return Type.list(args.get(0));
        }
        return wrongArity(ref, "List[T]", reporter);
      case "Map":
        if (args.size() == 2) {
          return Type.map(args.get(0), args.get(1));
        }
        return wrongArity(ref, "Map[K, V]", reporter);
      default:
        break;
    }
    Type named = byName.get(ref.name());
    if (named == null) {
      reporter.report(Code.CH0212, ref.span(), "unknown type `" + ref.name() + "`",
          "no such type", Reporter.didYouMean(ref.name(), byName.keySet()));
      return Type.ERROR;
    }
    if (!args.isEmpty()) {
      reporter.report(Code.CH0212, ref.span(), "type `" + ref.name() + "` takes no parameters",
          "write just `" + ref.name() + "`");
      return Type.ERROR;
    }
    return named;
  }

  private static Type wrongArity(TypeRef ref, String shape, Reporter reporter) {
    reporter.report(Code.CH0212, ref.span(), "`" + ref.name() + "` needs its element types",
        "write it as `" + shape + "`");
    return Type.ERROR;
  }
}
