package dev.chaos.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.chaos.check.CheckOptions;

/**
 * The client's `initializationOptions`, as `chaos check`'s options: `{"as": "prod"}` applies
 * the production rules to every runbook (`--as prod`), `{"strict": true}` adds the strict lints
 * (`--strict`). Anything else, or nothing, is the default check.
 */
final class Settings {
  private Settings() {}

  static CheckOptions checkOptions(Object initializationOptions) {
    if (!(initializationOptions instanceof JsonObject options)) {
      return CheckOptions.defaults();
    }
    JsonElement as = options.get("as");
    JsonElement strict = options.get("strict");
    boolean asProd = as != null && as.isJsonPrimitive() && "prod".equals(as.getAsString());
    boolean isStrict = strict != null && strict.isJsonPrimitive()
        && strict.getAsJsonPrimitive().isBoolean() && strict.getAsBoolean();
    return new CheckOptions(asProd, isStrict);
  }
}
