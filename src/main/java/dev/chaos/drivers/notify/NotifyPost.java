package dev.chaos.drivers.notify;

import dev.chaos.drivers.FailureText;
import dev.chaos.drivers.http.HttpClients;
import dev.chaos.drivers.http.HttpOrigin;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.json.JsonMapper;

/**
 * One message to the environment's `notify` webhook outside a run (`chaos announce`): the
 * same JSON object `notify.send` posts, bounded in time; an error names the webhook's origin
 * only (its path may hold a token) and quotes at most the start of the reply.
 */
public final class NotifyPost {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int QUOTED_REPLY = 200;

  private NotifyPost() {}

  /** Posts {@code message} (`text` and other fields); throws IOException naming the problem. */
  public static void post(URI webhook, String bearerTokenOrNull, Map<String, String> message,
      Duration timeout) throws IOException {
    HttpUrl url = webhook == null ? null : HttpUrl.parse(webhook.toString());
    if (url == null) {
      throw new IOException("the webhook URL is not an http:// or https:// URL");
    }
    String origin = "notify " + HttpOrigin.of(url);
    Request.Builder request = new Request.Builder().url(url)
        .post(RequestBody.create(MAPPER.writeValueAsString(message), JSON));
    if (bearerTokenOrNull != null && !bearerTokenOrNull.isEmpty()) {
      request.header("Authorization", "Bearer " + bearerTokenOrNull);
    }
    OkHttpClient client = HttpClients.shared().newBuilder().callTimeout(timeout).build();
    try (Response response = client.newCall(request.build()).execute()) {
      if (!response.isSuccessful()) {
        String body = response.body() == null ? "" : response.body().string();
        String said = FailureText.oneLine(body.length() > QUOTED_REPLY
            ? body.substring(0, QUOTED_REPLY) + "..." : body);
        throw new IOException(origin + ": the webhook answered HTTP " + response.code()
            + (said.isEmpty() ? "" : ": " + said) + "; the notice was not delivered");
      }
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(origin)) {
        throw e;
      }
      throw new IOException(origin + ": " + (e.getMessage() == null ? e.toString()
          : FailureText.oneLine(e.getMessage())) + "; the notice was not delivered", e);
    }
  }
}
