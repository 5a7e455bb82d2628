package dev.chaos.spi;

import dev.chaos.types.JsonTree;
import java.util.Map;

/**
 * An automatic inverse as values, journaled with its registration so that `chaos recover` can
 * rebuild it after the runner died ({@link LiveBinding#recover}): the {@code driver} namespace
 * that rebuilds it, the {@code action} it takes (`delete_created`, `set_replicas`) and its
 * arguments as a JSON tree. Secrets never go into a recipe: a driver rebuilds its connections
 * from the config, as a run does.
 */
public record UndoRecipe(String driver, String action, Map<String, Object> args) {
  @SuppressWarnings("unchecked")
  public UndoRecipe {
    args = (Map<String, Object>) JsonTree.of(args == null ? Map.of() : args).tree();
  }

  /** `k8s.delete_created`, as messages name it. */
  public String name() {
    return driver + "." + action;
  }

  /** A recipe this build cannot rebuild, refused naming what it is. */
  public IllegalArgumentException unknown() {
    return new IllegalArgumentException("no way to rebuild the inverse `" + name()
        + "` in this build");
  }
}
