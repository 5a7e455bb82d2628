package dev.chaos.spi;

import dev.chaos.types.Type;

/**
 * One parameter of a builtin. Positional parameters are required unless {@code required} is
 * false; named ones are passed as `name: value`. {@code defaultDoc} describes the default for the
 * docs ("all namespaces"), empty when there is none. {@code rule}, null for none, refuses some
 * String values ({@link ArgumentRule}); {@code blast}, null for none, says when a literal argument
 * is over the runbook's blast_radius whatever the targets hold ({@link BlastRule}).
 */
public record Param(String name, Type type, boolean named, boolean required, String defaultDoc,
    String doc, ArgumentRule rule, BlastRule blast) {

  public static Param positional(String name, Type type, String doc) {
    return new Param(name, type, false, true, "", doc, null, null);
  }

  public static Param optionalPositional(String name, Type type, String defaultDoc, String doc) {
    return new Param(name, type, false, false, defaultDoc, doc, null, null);
  }

  public static Param named(String name, Type type, String defaultDoc, String doc) {
    return new Param(name, type, true, false, defaultDoc, doc, null, null);
  }

  public static Param requiredNamed(String name, Type type, String doc) {
    return new Param(name, type, true, true, "", doc, null, null);
  }

  /** This parameter, refusing the String values {@code rule} refuses. */
  public Param withRule(ArgumentRule rule) {
    return new Param(name, type, named, required, defaultDoc, doc, rule, blast);
  }

  /** This parameter, with the blast-radius rule on its literal values. */
  public Param withBlastRule(BlastRule rule) {
    return new Param(name, type, named, required, defaultDoc, doc, this.rule, rule);
  }
}
