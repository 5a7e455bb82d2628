package dev.chaos.spi;

/**
 * The implementations of every builtin for one run: the sandbox world, or real connections.
 * Opened by a {@link BackendProvider}; closed when the run ends.
 */
public interface Backend extends AutoCloseable {
  /** The clock the run must use (the sandbox has its own virtual clock). */
  Clock clock();

  /** The implementation of a builtin by {@link Builtin#qualifiedName()}, or null if none. */
  BuiltinImpl impl(String qualifiedName);

  /**
   * Takes the runbook's `lock` {@code name} for {@code holder} while the run lasts; {@code lost}
   * is told when it cannot be kept (see {@link RunLock.Store#take}). The default only records
   * it: the sandbox runs alone in its process.
   */
  default RunLock lock(String name, RunLock.Holder holder,
      java.util.function.Consumer<String> lost) throws RunLock.Refused, InterruptedException {
    return RunLock.RECORDED;
  }

  /**
   * `chaos recover`: the inverse {@code recipe} describes, rebuilt by the driver that journaled
   * it (see {@link LiveBinding#recover}). The sandbox's world dies with its process, so it has
   * nothing to rebuild.
   */
  default Undo recover(UndoRecipe recipe) throws Exception {
    throw recipe.unknown();
  }

  /**
   * A service the drivers share ({@link DriverSetup#share}): the lock store for `chaos recover`
   * and `chaos exec`, the Kubernetes clients for `chaos abort`.
   */
  default <T> T service(Class<T> type) throws Exception {
    throw new IllegalStateException("this backend shares no `" + type.getSimpleName() + "`");
  }

  @Override
  void close();
}
