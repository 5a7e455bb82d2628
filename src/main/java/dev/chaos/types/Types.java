package dev.chaos.types;

/** Relations between types that the checker and the interpreter share. */
public final class Types {
  private Types() {}

  /**
   * Whether a value of type {@code from} may be used where {@code to} is expected. The error type
   * is assignable both ways so that one mistake yields one diagnostic; an Int may stand for a
   * Float; anything may stand for Json; leaving Json takes a conversion.
   */
  public static boolean assignable(Type from, Type to) {
    if (from.isError() || to.isError() || from.equals(to)) {
      return true;
    }
    if (to == Type.FLOAT && from == Type.INT) {
      return true;
    }
    if (to == Type.JSON) {
      return true;
    }
    if (to instanceof Type.Union u) {
      return u.options().stream().anyMatch(o -> assignable(from, o));
    }
    if (from instanceof Type.ListOf f && to instanceof Type.ListOf t) {
      return assignable(f.element(), t.element());
    }
    if (from instanceof Type.MapOf f && to instanceof Type.MapOf t) {
      return assignable(f.key(), t.key()) && assignable(f.value(), t.value());
    }
    if (from instanceof Type.Rec f && to instanceof Type.Rec t && t.name().isEmpty()) {
      // an anonymous record type is satisfied by any record with at least its fields
      return t.fields().entrySet().stream().allMatch(e ->
          f.fields().containsKey(e.getKey()) && assignable(f.fields().get(e.getKey()), e.getValue()));
    }
    return false;
  }
}
