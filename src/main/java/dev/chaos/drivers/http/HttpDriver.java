package dev.chaos.drivers.http;

import static dev.chaos.spi.Param.named;
import static dev.chaos.spi.Param.positional;

import dev.chaos.drivers.RecordTypes;
import dev.chaos.drivers.SignatureTable;
import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.Param;
import dev.chaos.spi.Signature;
import dev.chaos.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * Plain HTTP. Any status is a result, so `expect http.get(url).status == 200` can say what it
 * saw; only no answer within the timeout (refused, reset, timed out) is an error. GET is safe
 * by the HTTP rules and so `read`; POST may change the service and so `mutate`.
 */
public final class HttpDriver implements Driver {
  private static final Param URL = positional("url", Type.STRING, "An `http://` or `https://` URL.");
  private static final Param TIMEOUT = named("timeout", Type.DURATION, "`10s`",
      "Time allowed for the whole exchange.");
  private static final Param HEADERS = named("headers", Type.JSON, "none",
      "A record of header names to String or Secret values: `{Authorization: secret(\"t\")}`.");

  private final List<Builtin> builtins = new SignatureTable("http")
      .read("get", Signature.of(RecordTypes.RESPONSE, URL, TIMEOUT, HEADERS),
          "Sends a GET and returns the status, the latency and the body.")
      .mutateWithoutInverse("post", Signature.of(RecordTypes.RESPONSE, URL,
              named("body", Type.STRING, "empty", "The request body."),
              named("content_type", Type.STRING, "`\"application/json\"`",
                  "The `Content-Type` of the body."),
              TIMEOUT, HEADERS),
          "Sends a POST, such as the seed's cache rebuild, and returns the response.",
          "what a POST changes is up to the service.")
      .build();

  @Override
  public String namespace() {
    return "http";
  }

  @Override
  public String doc() {
    return "HTTP requests: health checks (`get`) and admin endpoints (`post`).";
  }

  @Override
  public List<Builtin> builtins() {
    return builtins;
  }

  /** Built only by a live run: the binding's class may load client libraries. */
  @Override
  public Optional<LiveBinding> live() {
    return Optional.of(new HttpLive());
  }
}
