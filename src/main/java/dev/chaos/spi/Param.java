package dev.chaos.spi;

import dev.chaos.types.Type;

/**
 * One parameter of a builtin. Positional parameters are required unless {@code required} is
 * false; named ones are passed as `name: value`. {@code defaultDoc} describes the default for the
 * docs ("all namespaces"), empty when there is none. {@code rule}, null for none, refuses some
 * String values ({@link ArgumentRule}).
 */
public record Param(String name, Type type, boolean named, boolean required, String defaultDoc,
    String doc, ArgumentRule rule) {

  public static Param positional(String name, Type type, String doc) {
    return new Param(name, type, false, true, "", doc, null);
  }

  public static Param optionalPositional(String name, Type type, String defaultDoc, String doc) {
    return new Param(name, type, false, false, defaultDoc, doc, null);
  }

  public static Param named(String name, Type type, String defaultDoc, String doc) {
    return new Param(name, type, true, false, defaultDoc, doc, null);
  }

  public static Param requiredNamed(String name, Type type, String doc) {
    return new Param(name, type, true, true, "", doc, null);
  }

  /** This parameter, refusing the String values {@code rule} refuses. */
  public Param withRule(ArgumentRule rule) {
    return new Param(name, type, named, required, defaultDoc, doc, rule);
  }
}
