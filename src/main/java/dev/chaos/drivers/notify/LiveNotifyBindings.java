package dev.chaos.drivers.notify;

import static dev.chaos.drivers.Arguments.string;

import dev.chaos.drivers.FailureText;
import dev.chaos.drivers.http.DeadlineExchange;
import dev.chaos.drivers.http.HttpClients;
import dev.chaos.drivers.http.HttpException;
import dev.chaos.drivers.http.HttpOrigin;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallContext;
import dev.chaos.spi.Preview;
import dev.chaos.spi.RunFacts;
import dev.chaos.types.Value;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * `notify.send` to a real webhook: a POST of a JSON object whose `text` field Slack and
 * compatible receivers (Mattermost, Rocket.Chat, Teams workflows) show, plus the run's facts
 * (`runbook`, `environment`) for receivers that route on them. A webhook's path is often its
 * secret, so messages name it by scheme and host only.
 */
public final class LiveNotifyBindings {
  /** An error reply is quoted this far: Slack answers "no_service", "invalid_token". */
  private static final int QUOTED_REPLY = 200;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private LiveNotifyBindings() {}

  /** A contact's channel: its webhook and bearer token (null or empty: none). */
  public record Channel(URI webhook, String bearerTokenOrNull) {}

  /**
   * Puts the implementation of `notify.send` into {@code into}.
   *
   * @param webhook an http:// or https:// URL
   * @param bearerTokenOrNull sent as {@code Authorization: Bearer ...} when not null or empty
   * @throws IllegalArgumentException when {@code webhook} is not an http(s) URL
   */
  public static void bind(URI webhook, String bearerTokenOrNull, Map<String, BuiltinImpl> into) {
    bind(webhook, bearerTokenOrNull, Map.of(), into);
  }

  /** As above; `to:` names one of {@code contacts}, which is posted to instead. */
  public static void bind(URI webhook, String bearerTokenOrNull, Map<String, Channel> contacts,
      Map<String, BuiltinImpl> into) {
    Poster main = poster(webhook, bearerTokenOrNull);
    Map<String, Poster> byContact = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Channel> c : contacts.entrySet()) {
      byContact.put(c.getKey(), poster(c.getValue().webhook(), c.getValue().bearerTokenOrNull()));
    }
    // building the client (TLS set-up included) takes a while once: not within a call's deadline
    HttpClients.shared();
    into.put("notify.send", (a, c) -> {
      String text = string(a, "text");
      String to = a.has("to") ? string(a, "to") : null;
      Poster poster = to == null ? main : byContact.get(to);
      if (poster == null) {
        throw new IllegalArgumentException("`to: \"" + to + "\"` is not a contact of "
            + "`notify.contacts`" + (byContact.isEmpty() ? " (the environment declares none)"
                : " (the contacts are " + String.join(", ", byContact.keySet()) + ")"));
      }
      String target = poster.target() + (to == null ? "" : " (" + to + ")");
      if (c.dryRun(Preview.of("send to " + (to == null ? "the webhook" : to) + ": " + text)
          .withTarget(target))) {
        return Value.UNIT;
      }
      poster.post(text, c, target);
      c.log("notify: sent to " + HttpOrigin.of(poster.url()) + (to == null ? "" : " (" + to
          + ")") + ": " + text);
      return Value.UNIT;
    });
  }

  private static Poster poster(URI webhook, String bearerTokenOrNull) {
    HttpUrl url = webhook == null ? null : HttpUrl.parse(webhook.toString());
    if (url == null) {
      throw new IllegalArgumentException("the webhook URL is not an http:// or https:// URL"
          + (webhook == null || webhook.getScheme() == null ? ""
              : " (its scheme is `" + webhook.getScheme() + "`)"));
    }
    return new Poster(url, bearerTokenOrNull);
  }

  /** One webhook: posts a message, naming the webhook by its origin only. */
  private record Poster(HttpUrl url, String bearerTokenOrNull) {
    String target() {
      return "notify " + HttpOrigin.of(url);
    }

    void post(String text, CallContext c, String shown) throws Exception {
      Request.Builder request = new Request.Builder().url(url)
          .post(RequestBody.create(payload(text, c.run()), JSON));
      if (bearerTokenOrNull != null && !bearerTokenOrNull.isEmpty()) {
        request.header("Authorization", "Bearer " + bearerTokenOrNull);
      }
      String target = target();
      DeadlineExchange.Reply reply;
      try {
        reply = DeadlineExchange.exchange(HttpClients.shared(), request.build(), c, null,
            target, QUOTED_REPLY);
      } catch (HttpException e) {
        throw new HttpException(shown, withoutPath(e.getMessage()
            .substring(target.length() + 2), url));
      }
      if (reply.status() / 100 != 2) {
        String said = FailureText.oneLine(withoutPath(reply.body(), url));
        throw new HttpException(shown, "the webhook answered HTTP " + reply.status()
            + (said.isEmpty() ? "" : ": " + said + (reply.truncated() ? "..." : ""))
            + "; the message was not delivered");
      }
    }
  }

  /** The JSON object posted: `text`, then the run's facts that are known. */
  static String payload(String text, RunFacts run) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("text", text);
    if (run.runbook() != null) {
      message.put("runbook", run.runbook());
    }
    if (run.environment() != null) {
      message.put("environment", run.environment());
    }
    return MAPPER.writeValueAsString(message);
  }

  /** {@code text} with the webhook's path and query masked, should a reply or error quote them. */
  private static String withoutPath(String text, HttpUrl url) {
    String out = text;
    String query = url.encodedQuery();
    if (query != null && !query.isEmpty()) {
      out = out.replace(query, "...");
    }
    String path = url.encodedPath();
    if (path.length() > 1) {
      out = out.replace(path, "/...");
    }
    return out;
  }

}
