package dev.chaos.drivers.prometheus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of an instant query: a `vector` of series, or a `scalar` (one series without
 * labels). Other result types (`matrix`, `string`) are refused while parsing.
 */
record InstantResult(String resultType, List<Series> series) {
  InstantResult {
    series = List.copyOf(series);
  }

  /** One series: its labels in the server's order (with `__name__` if any) and its value. */
  record Series(Map<String, String> labels, double value) {
    Series {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
  }
}
