package dev.chaos.drivers.prometheus;

import static dev.chaos.spi.Param.named;
import static dev.chaos.spi.Param.positional;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.drivers.SignatureTable;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.Signature;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * Prometheus through its HTTP API. Queries are instant queries evaluated at the time of the
 * call; a Prometheus that does not answer makes the call an error, which a guard counts as a
 * violation (monitoring down aborts the run).
 */
public final class PrometheusDriver implements Driver {
  private static final String QUERY_DOC = "A PromQL expression, such as a recording rule name.";

  private final List<Builtin> builtins = new SignatureTable("prometheus")
      .read("scalar", Signature.of(Type.FLOAT, positional("query", Type.STRING, QUERY_DOC)),
          "The value of a query that yields one series or a scalar; no data is an error.")
      .read("vector", Signature.of(Type.list(RecordTypes.SAMPLE),
              positional("query", Type.STRING, QUERY_DOC)),
          "Every series of an instant query with its labels; no data is an empty list.")
      .read("alerts", Signature.of(Type.list(RecordTypes.ALERT),
              named("severity", Type.STRING, "every severity",
                  "Only alerts whose `severity` label equals this."),
              named("state", Type.STRING, "`\"firing\"`",
                  "`firing`, `pending`, or `any` for both.")),
          "The active alerts, as `ALERTS{severity=\"critical\"}` lists them.")
      .read("ready", Signature.of(Type.BOOL),
          "Whether Prometheus answers 200 on `/-/ready`; not answering at all (refused,"
              + " unreachable, out of time) is false rather than an error.")
      .build();

  @Override
  public String namespace() {
    return "prometheus";
  }

  @Override
  public String doc() {
    return "Prometheus: instant queries and active alerts, read over the HTTP API.";
  }

  @Override
  public List<Builtin> builtins() {
    return builtins;
  }

  /** Built only by a live run: the binding's class may load client libraries. */
  @Override
  public Optional<LiveBinding> live() {
    return Optional.of(new PrometheusLive());
  }
}
