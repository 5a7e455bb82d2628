package dev.chaos.drivers.http;

import dev.chaos.types.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Headers;

/**
 * The `headers:` argument as HTTP headers: a record, a map or a Json object of header names to
 * values. A Secret is sent as its value, which only the request ever sees; a String, number or
 * Bool as its text. A header that HTTP cannot carry is an error that names the header and never
 * shows its value.
 */
final class RequestHeaders {
  private RequestHeaders() {}

  static Headers of(Value headers) {
    Map<String, String> byName = new LinkedHashMap<>();
    if (headers instanceof Value.Rec record) {
      record.fields().forEach((name, value) -> byName.put(name, text(name, value)));
    } else if (headers instanceof Value.Map map) {
      map.entries().forEach((name, value) ->
          byName.put(name.display(), text(name.display(), value)));
    } else if (headers instanceof Value.Json json && json.tree() instanceof Map<?, ?> tree) {
      tree.forEach((name, value) -> byName.put(String.valueOf(name), jsonText(name, value)));
    } else if (!(headers instanceof Value.Json empty && empty.tree() == null)) {
      throw new IllegalArgumentException("`headers:` must be a record of header names to"
          + " values, such as {Authorization: secret(\"token\")}");
    }
    Headers.Builder out = new Headers.Builder();
    byName.forEach((name, value) -> {
      try {
        out.add(name, value);
      } catch (IllegalArgumentException e) {
        // OkHttp's message may quote the value, which may be a token
        throw new IllegalArgumentException("header `" + name.replaceAll("\\p{Cntrl}", "?")
            + "`: a name or value with a character HTTP headers cannot carry (a line break?)");
      }
    });
    return out.build();
  }

  private static String text(String name, Value value) {
    if (value instanceof Value.Secret secret) {
      return secret.value();
    }
    if (value instanceof Value.Str s) {
      return s.value();
    }
    if (value instanceof Value.Int || value instanceof Value.Float || value instanceof Value.Bool) {
      return value.display();
    }
    if (value instanceof Value.Json json) {
      return jsonText(name, json.tree());
    }
    throw new IllegalArgumentException("header `" + name + "` is a "
        + value.kind().typeName() + "; a header value is a String or a Secret");
  }

  private static String jsonText(Object name, Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new IllegalArgumentException("header `" + name
        + "` is not a string; a header value is a String or a Secret");
  }
}
