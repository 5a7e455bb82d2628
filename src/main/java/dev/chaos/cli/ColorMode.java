package dev.chaos.cli;

import java.util.Map;

/** `--color`: `auto` colours only a terminal, and honours NO_COLOR (no-color.org) and TERM=dumb. */
enum ColorMode {
  AUTO, ALWAYS, NEVER;

  boolean enabled(boolean toTerminal, Map<String, String> env) {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> toTerminal && env.getOrDefault("NO_COLOR", "").isEmpty()
          && !"dumb".equals(env.get("TERM"));
    };
  }
}
