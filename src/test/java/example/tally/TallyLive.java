package example.tally;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.LiveSetup;
import dev.chaos.spi.Preview;
import dev.chaos.spi.yaml.YamlSection;
import dev.chaos.types.Value;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tally service over HTTP: `GET /count/NAME` and `POST /add/NAME?by=N` answer the counter's
 * value. Its section: `tally: {url: http://host:port}`.
 */
final class TallyLive implements LiveBinding {
  @Override
  public Optional<String> section() {
    return Optional.of("tally");
  }

  /** A mistake in the section stops the run now; a missing one fails only tally's calls. */
  @Override
  public DriverBinder prepare(LiveSetup setup) throws Exception {
    Optional<YamlSection.Field> field = setup.section();
    if (field.isEmpty()) {
      Exception missing = setup.missingSection();
      return into -> {
        throw missing;
      };
    }
    YamlSection section = YamlSection.of(field.get(), List.of("url"));
    URI url = URI.create(YamlSection.text(section.required("url")));
    return into -> {
      HttpClient client = HttpClient.newHttpClient();
      into.put("tally.count", (args, context) ->
          send(client, context, HttpRequest.newBuilder(url.resolve("/count/"
              + name(args.get("name")))).GET()));
      into.put("tally.add", add(client, url));
      return null;
    };
  }

  private static BuiltinImpl add(HttpClient client, URI url) {
    return (args, context) -> {
      String name = name(args.get("name"));
      long by = ((Value.Int) args.getOr("by", Value.integer(1))).value();
      String undoing = "subtract " + by + " from " + name;
      if (context.dryRun(Preview.of("add " + by + " to " + name).withTarget(name)
          .withUndo(undoing))) {
        return send(client, context, HttpRequest.newBuilder(url.resolve("/count/" + name)).GET());
      }
      context.registerUndo(undoing, undo ->
          send(client, undo, post(url, name, -by)));
      return send(client, context, post(url, name, by));
    };
  }

  private static HttpRequest.Builder post(URI url, String name, long by) {
    return HttpRequest.newBuilder(url.resolve("/add/" + name + "?by=" + by))
        .POST(HttpRequest.BodyPublishers.noBody());
  }

  private static String name(Value value) {
    return URLEncoder.encode(((Value.Str) value).value(), StandardCharsets.UTF_8);
  }

  private static Value send(HttpClient client, CallContext context, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    Duration left = Duration.between(Instant.now(), context.deadline());
    HttpResponse<String> response = client.send(
        request.timeout(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("tally answered " + response.statusCode());
    }
    return Value.integer(Long.parseLong(response.body().trim()));
  }
}
