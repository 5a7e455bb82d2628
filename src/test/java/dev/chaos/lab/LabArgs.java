package dev.chaos.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} arguments of the lab's mains, over defaults; an unknown name is an error. */
final class LabArgs {
  private LabArgs() {}

  static Map<String, String> parse(String[] args, Map<String, String> defaults) {
    Map<String, String> options = new LinkedHashMap<>(defaults);
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!defaults.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: " + usage(defaults) + " (got `" + args[i] + "`)");
      }
      options.put(name, args[i + 1]);
    }
    return options;
  }

  private static String usage(Map<String, String> defaults) {
    StringBuilder usage = new StringBuilder();
    defaults.forEach((name, value) -> usage.append(" [--").append(name).append(' ').append(value).append(']'));
    return usage.toString().trim();
  }
}
