package dev.chaos.check;

import dev.chaos.types.Type;

/** "a `Duration`", "an `Int`": a type named in a message with the article its sound takes. */
final class Article {
  private Article() {}

  static String of(Type type) {
    return of(type.display());
  }

  /** {@code name} as written in backticks, after "a" or "an". */
  static String of(String name) {
    return (startsWithVowelSound(name) ? "an `" : "a `") + name + "`";
  }

  /**
   * By how the name is read: `Int`, `Error`, `Alert` take "an"; `Unit` and `Usage` start with
   * a "you" sound and take "a"; `Hpa` is spelled out ("aitch") and takes "an".
   */
  static boolean startsWithVowelSound(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char first = Character.toLowerCase(name.charAt(0));
    if (first == 'a' || first == 'e' || first == 'i' || first == 'o') {
      return true;
    }
    if (first == 'u') {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      return !(lower.startsWith("uni") || lower.startsWith("us") || lower.startsWith("uti")
          || lower.startsWith("uri"));
    }
    // a capital letter read on its own (an initialism like `Hpa`, for HPA)
    boolean spelledOut = name.length() > 1 && !isVowel(name.charAt(1))
        && Character.isLetter(name.charAt(1)) && !isConsonantCluster(name);
    return spelledOut && "fhlmnrsx".indexOf(first) >= 0;
  }

  private static boolean isVowel(char c) {
    return "aeiouyAEIOUY".indexOf(c) >= 0;
  }

  /** Two consonants that start English words (`Str`, `Fl`, `Sh`): the name is read as a word. */
  private static boolean isConsonantCluster(String name) {
    String start = name.substring(0, 2).toLowerCase(java.util.Locale.ROOT);
    return java.util.Set.of("bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "ph", "pl",
        "pr", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "tw", "wh", "wr")
        .contains(start);
  }
}
