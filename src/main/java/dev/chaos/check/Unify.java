package dev.chaos.check;

import dev.chaos.types.Type;
import dev.chaos.types.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checker's "fits" relation: {@link Types#assignable} plus type variables of generic
 * builtins (`min(a: T, b: T) -> T`), which are bound by the first argument that meets them and
 * widened from Int to Float when a later one needs it. An unbound variable on the argument side
 * is the unknown element type of an empty list literal and fits anything.
 */
final class Unify {
  /** The element type of `[]`. */
  static final Type.Var UNKNOWN = new Type.Var("?");

  private Unify() {}

  static boolean assignable(Type from, Type to) {
    return fits(from, to, new HashMap<>());
  }

  static boolean fits(Type arg, Type param, Map<String, Type> bindings) {
    if (arg.isError() || param.isError() || arg instanceof Type.Var) {
      return true;
    }
    if (arg == Type.SECRET && param == Type.JSON) {
      // Json leads to text (`string(x)`, logs); a secret may only sit inside a record of them
      return false;
    }
    if (param instanceof Type.Var v) {
      Type bound = bindings.get(v.name());
      if (bound == null || bound instanceof Type.Var) {
        bindings.put(v.name(), arg);
        return true;
      }
      if (fits(arg, bound, bindings)) {
        return true;
      }
      if (fits(bound, arg, bindings)) {
        bindings.put(v.name(), arg);
        return true;
      }
      return false;
    }
    if (param instanceof Type.Union u) {
      for (Type option : u.options()) {
        Map<String, Type> attempt = new HashMap<>(bindings);
        if (fits(arg, option, attempt)) {
          bindings.putAll(attempt);
          return true;
        }
      }
      return false;
    }
    if (arg instanceof Type.ListOf a && param instanceof Type.ListOf p) {
      return fits(a.element(), p.element(), bindings);
    }
    if (arg instanceof Type.MapOf a && param instanceof Type.MapOf p) {
      return fits(a.key(), p.key(), bindings) && fits(a.value(), p.value(), bindings);
    }
    if (arg instanceof Type.Rec a && param instanceof Type.Rec p && p.name().isEmpty()) {
      for (var field : p.fields().entrySet()) {
        Type have = a.fields().get(field.getKey());
        if (have == null || !fits(have, field.getValue(), bindings)) {
          return false;
        }
      }
      return true;
    }
    return Types.assignable(arg, param);
  }

  /** Replaces bound variables; an unbound one becomes the error type (nothing to say about it). */
  static Type substitute(Type t, Map<String, Type> bindings) {
    if (t instanceof Type.Var v) {
      Type bound = bindings.get(v.name());
      return bound == null || bound instanceof Type.Var ? Type.ERROR : bound;
    }
    if (t instanceof Type.ListOf l) {
      return Type.list(substitute(l.element(), bindings));
    }
    if (t instanceof Type.MapOf m) {
      return Type.map(substitute(m.key(), bindings), substitute(m.value(), bindings));
    }
    if (t instanceof Type.Union u) {
      List<Type> options = u.options().stream().map(o -> substitute(o, bindings)).toList();
      return new Type.Union(options);
    }
    return t;
  }

  /**
   * The type of a list of two element types: the wider one (Int and Float make Float), or null
   * when neither fits the other.
   */
  static Type join(Type a, Type b) {
    if (a instanceof Type.Var || a.isError()) {
      return b;
    }
    if (b instanceof Type.Var || b.isError()) {
      return a;
    }
    if (assignable(a, b)) {
      return b;
    }
    if (assignable(b, a)) {
      return a;
    }
    return null;
  }
}
