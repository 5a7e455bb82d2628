package dev.chaos.spi;

import java.util.List;
import java.util.Optional;

/**
 * A namespace of typed functions, found with {@link java.util.ServiceLoader}: a driver plug-in
 * (docs/extending.md). Its signature table is all `chaos check` reads, so loading a class that
 * implements this interface must not load a client library: the live binding and the sandbox
 * model are separate classes, instantiated only by a run. The core functions are the driver
 * with namespace "".
 */
public interface Driver {
  String namespace();

  /** One line for the docs. */
  String doc();

  List<Builtin> builtins();

  /** Its binding to real systems; empty for a driver that has none (core is built in). */
  default Optional<LiveBinding> live() {
    return Optional.empty();
  }

  /**
   * Its model in the sandbox; empty for a driver the sandbox's world models itself (the
   * built-in drivers, whose models interact) or that has no model.
   */
  default Optional<SandboxModel> sandbox() {
    return Optional.empty();
  }
}
