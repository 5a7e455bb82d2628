package dev.chaos.spi;

import dev.chaos.types.Value;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the secrets a value carries, for a {@link Redactor} to learn before a call is made or
 * right after it returns: every `Secret`, however deep; the password of a URL in a string
 * (`https://user:password@host`); the value of a field or key named like an authorization
 * header, even when written as a plain string. Nothing else in a value is taken for a secret.
 */
public final class ValueCredentials {
  private static final Set<String> AUTHORIZATION =
      Set.of("authorization", "proxy-authorization", "x-api-key", "api-key", "x-auth-token");
  private static final int DEPTH = 64;

  private ValueCredentials() {}

  /** Learns every secret in the arguments of a call. */
  public static void learn(Redactor redactor, CallArgs args) {
    args.byName().values().forEach(v -> learn(redactor, v, DEPTH));
    args.rest().forEach(v -> learn(redactor, v, DEPTH));
  }

  /** Learns every secret in {@code value}. */
  public static void learn(Redactor redactor, Value value) {
    learn(redactor, value, DEPTH);
  }

  /**
   * Learns the credentials in a JSON-like tree (as events carry values): URL passwords in its
   * strings, the values of its authorization keys.
   */
  public static void learnTree(Redactor redactor, Object tree) {
    tree(redactor, tree, DEPTH);
  }

  private static void learn(Redactor redactor, Value value, int depth) {
    if (value == null || depth == 0) {
      return;
    }
    switch (value.kind()) {
      case SECRET -> redactor.learn(((Value.Secret) value).value());
      case STRING -> redactor.learnUrls(((Value.Str) value).value());
      case LIST -> ((Value.List) value).items().forEach(v -> learn(redactor, v, depth - 1));
      case MAP -> ((Value.Map) value).entries().forEach((k, v) -> {
        field(redactor, k instanceof Value.Str s ? s.value() : "", v);
        learn(redactor, v, depth - 1);
      });
      case RECORD -> ((Value.Rec) value).fields().forEach((k, v) -> {
        field(redactor, k, v);
        learn(redactor, v, depth - 1);
      });
      case JSON -> tree(redactor, ((Value.Json) value).tree(), depth - 1);
      default -> { }
    }
  }

  private static void field(Redactor redactor, String name, Value value) {
    if (value instanceof Value.Str s && AUTHORIZATION.contains(name.toLowerCase(Locale.ROOT))) {
      redactor.learnAuthorization(s.value());
    }
  }

  private static void tree(Redactor redactor, Object tree, int depth) {
    if (depth == 0) {
      return;
    }
    if (tree instanceof String s) {
      redactor.learnUrls(s);
    } else if (tree instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (v instanceof String s && AUTHORIZATION.contains(String.valueOf(k).toLowerCase(Locale.ROOT))) {
          redactor.learnAuthorization(s);
        }
        tree(redactor, v, depth - 1);
      });
    } else if (tree instanceof List<?> list) {
      list.forEach(item -> tree(redactor, item, depth - 1));
    }
  }
}
