package dev.chaos.spi;

import java.util.List;

/**
 * A namespace of typed functions, found with {@link java.util.ServiceLoader}. Implementations of
 * this interface are signature tables only: loading one must not load a client library, so that
 * `chaos check` stays fast and hermetic. The core functions are the driver with namespace "".
 */
public interface Driver {
  String namespace();

  /** One line for the docs. */
  String doc();

  List<Builtin> builtins();
}
