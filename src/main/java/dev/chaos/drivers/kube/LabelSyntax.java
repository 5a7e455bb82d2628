package dev.chaos.drivers.kube;

/**
 * Label keys and values as the API server validates them (apimachinery's IsQualifiedName and
 * IsValidLabelValue): a key is an optional DNS subdomain prefix and `/`, then a name of at most
 * 63 characters; a value is empty or at most 63 characters of the same alphabet.
 */
public final class LabelSyntax {
  private LabelSyntax() {}

  static final int NAME_MAX = 63;
  static final int PREFIX_MAX = 253;

  /** Why {@code key} is not a label key, or null when it is one. */
  public static String keyProblem(String key) {
    int slash = key.indexOf('/');
    String name = key;
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (name.indexOf('/') >= 0) {
        return "a label key has at most one `/`";
      }
      if (prefix.isEmpty()) {
        return "the prefix before `/` is empty";
      }
      if (prefix.length() > PREFIX_MAX) {
        return "the prefix is longer than " + PREFIX_MAX + " characters";
      }
      if (!isSubdomain(prefix)) {
        return "the prefix `" + prefix + "` is not a DNS subdomain (lower-case letters, digits,"
            + " `-` and `.`)";
      }
    }
    if (name.isEmpty()) {
      return "the name of the key is empty";
    }
    if (name.length() > NAME_MAX) {
      return "the name of the key is longer than " + NAME_MAX + " characters";
    }
    if (!isName(name)) {
      return "the key `" + key + "` must be letters, digits, `-`, `_` and `.`, starting and"
          + " ending with a letter or digit";
    }
    return null;
  }

  /** Why {@code value} is not a label value, or null when it is one ("" is one). */
  public static String valueProblem(String value) {
    if (value.length() > NAME_MAX) {
      return "the value is longer than " + NAME_MAX + " characters";
    }
    if (!value.isEmpty() && !isName(value)) {
      return "the value `" + value + "` must be letters, digits, `-`, `_` and `.`, starting and"
          + " ending with a letter or digit";
    }
    return null;
  }

  // The API server's two patterns are written as loops: compiling them cost a millisecond or
  // two of every `chaos check` with a selector. LabelSyntaxTest holds each equal to its regex.

  /** `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`: alphanumeric at both ends, `-_.` between. */
  static boolean isName(String s) {
    int last = s.length() - 1;
    if (last < 0 || !isAlphanumeric(s.charAt(0)) || !isAlphanumeric(s.charAt(last))) {
      return false;
    }
    for (int i = 1; i < last; i++) {
      char c = s.charAt(i);
      if (!isAlphanumeric(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /**
   * `.`-separated DNS labels, `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`.
   */
  static boolean isSubdomain(String s) {
    int start = 0;
    while (true) {
      int dot = s.indexOf('.', start);
      int end = dot < 0 ? s.length() : dot;
      if (!isDnsLabel(s, start, end)) {
        return false;
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }

  private static boolean isDnsLabel(String s, int start, int end) {
    if (end <= start || !isLowerAlphanumeric(s.charAt(start))
        || !isLowerAlphanumeric(s.charAt(end - 1))) {
      return false;
    }
    for (int i = start + 1; i < end - 1; i++) {
      char c = s.charAt(i);
      if (!isLowerAlphanumeric(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(char c) {
    return isLowerAlphanumeric(c) || c >= 'A' && c <= 'Z';
  }

  private static boolean isLowerAlphanumeric(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }
}
