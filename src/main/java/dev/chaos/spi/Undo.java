package dev.chaos.spi;

/** An automatic inverse, registered by a mutating call before its side effect. */
@FunctionalInterface
public interface Undo {
  void run(CallContext context) throws Exception;
}
