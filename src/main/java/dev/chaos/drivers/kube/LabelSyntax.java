package dev.chaos.drivers.kube;

import java.util.regex.Pattern;

/**
 * Label keys and values as the API server validates them (apimachinery's IsQualifiedName and
 * IsValidLabelValue): a key is an optional DNS subdomain prefix and `/`, then a name of at most
 * 63 characters; a value is empty or at most 63 characters of the same alphabet.
 */
public final class LabelSyntax {
  private LabelSyntax() {}

  static final int NAME_MAX = 63;
  static final int PREFIX_MAX = 253;
  private static final Pattern NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

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
      if (!SUBDOMAIN.matcher(prefix).matches()) {
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
    if (!NAME.matcher(name).matches()) {
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
    if (!value.isEmpty() && !NAME.matcher(value).matches()) {
      return "the value `" + value + "` must be letters, digits, `-`, `_` and `.`, starting and"
          + " ending with a letter or digit";
    }
    return null;
  }
}
