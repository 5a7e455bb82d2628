package dev.chaos.drivers.prometheus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One alert of `/api/v1/alerts`: its labels (with `alertname`) and `firing` or `pending`. */
record ActiveAlert(Map<String, String> labels, String state) {
  ActiveAlert {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  String name() {
    return labels.getOrDefault("alertname", "");
  }

  String severity() {
    return labels.getOrDefault("severity", "");
  }
}
