package dev.chaos.spi;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret values one invocation of `chaos` has come to know, and their masking: every text
 * that leaves the process (the console, the journal, the reports) goes through {@link #redact}
 * once, at its exit. Values are learned as they become known (a config secret when it is read,
 * a `secret(...)` when it returns, a URL's password or an `Authorization` header when a call is
 * given one), so a server that echoes one back an instant later is already masked.
 *
 * <p>Each secret is also masked in the forms in which it commonly travels: JSON-, XML- and
 * Markdown-escaped, URL-encoded, Base64 (as in `Authorization: Basic`), and, for a URL's
 * `user:password`, the Base64 of the pair. A value shorter than {@link #MIN_LENGTH} characters
 * is not masked in text (it would blank out every `on` or `42` in the output, and a mask of
 * two letters hides nothing); {@link #tooShort()} counts them so the command can say so.
 * Thread-safe: probes and steps learn and redact concurrently.
 */
public final class Redactor {
  public static final String MASK = "***";
  /** Secrets shorter than this are not masked in text (see the class comment). */
  public static final int MIN_LENGTH = 4;

  /**
   * The patterns, compiled on first use: `chaos check` never needs them, and compiling them
   * cold costs milliseconds of its start-up.
   */
  private static final class Patterns {
    /**
     * A URL's `user:password@`. The scheme is matched only from the start of its run of scheme
     * characters, and possessively: tried from every letter of a long run without `://`, it
     * made reading a config with a 7,000-letter URL take 0.3 s, and 4 times as long at twice the
     * length (found by bench/fuzz.sh).
     */
    private static final Pattern URL_USERINFO = Pattern.compile(
        "(?<![A-Za-z0-9+.-])[0-9+.-]*+[A-Za-z][A-Za-z0-9+.-]*+://([^/@\\s?#\"'<>]++)@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
        "(?i)[?&;](?:password|passwd|pwd|token|access_token|api_key|apikey|secret|sslpassword)"
            + "=([^&;#\\s\"'<>]+)");
  }

  private final Set<String> known = new LinkedHashSet<>();
  private final Set<String> shortOnes = new LinkedHashSet<>();
  /** Every form of every known secret, longest first; replaced whole on each change. */
  private volatile List<String> needles = List.of();

  /** Learns {@code secret} (and the forms it travels in); null and blank values are ignored. */
  public void learn(String secret) {
    if (secret == null || secret.isBlank()) {
      return;
    }
    String value = secret.strip();
    synchronized (this) {
      if (value.length() < MIN_LENGTH) {
        shortOnes.add(value);
        return;
      }
      if (!known.add(value)) {
        return;
      }
      Set<String> all = new LinkedHashSet<>(needles);
      all.addAll(forms(value));
      if (!value.equals(secret)) {
        all.add(secret);
      }
      List<String> sorted = new ArrayList<>(all);
      sorted.sort(Comparator.comparingInt(String::length).reversed());
      needles = List.copyOf(sorted);
    }
  }

  /**
   * Learns the credentials a text carries in URLs: the password of `scheme://user:password@`
   * (with the pair, as Basic authentication sends it) and parameters such as `?password=`.
   * A user name alone is not a secret.
   */
  public void learnUrls(String text) {
    if (text == null || text.indexOf('@') < 0 && text.indexOf('=') < 0) {
      return;
    }
    Matcher userinfo = Patterns.URL_USERINFO.matcher(text);
    while (userinfo.find()) {
      String pair = userinfo.group(1);
      int colon = pair.indexOf(':');
      if (colon >= 0 && colon < pair.length() - 1) {
        learnPair(pair);
        learnPair(decoded(pair));
      }
    }
    Matcher parameter = Patterns.SECRET_PARAMETER.matcher(text);
    while (parameter.find()) {
      learn(parameter.group(1));
      learn(decoded(parameter.group(1)));
    }
  }

  /**
   * Learns the value of an `Authorization` (or `Proxy-Authorization`) header: the whole value,
   * the credentials after the scheme, and for `Basic` the decoded `user:password` and password.
   */
  public void learnAuthorization(String value) {
    if (value == null) {
      return;
    }
    String v = value.strip();
    learn(v);
    int space = v.indexOf(' ');
    if (space > 0) {
      String credentials = v.substring(space + 1).strip();
      learn(credentials);
      if (v.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
        try {
          learnPair(new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
          // not Base64: the credentials are masked as they are
        }
      }
    }
  }

  /**
   * {@code text} with the credentials of its URLs masked (`http://***@host`, `?password=***`),
   * for messages that quote a URL a user wrote, before any secret is known.
   */
  public static String withoutCredentials(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    Matcher userinfo = Patterns.URL_USERINFO.matcher(text);
    int last = 0;
    while (userinfo.find()) {
      out.append(text, last, userinfo.start(1)).append(MASK);
      last = userinfo.end(1);
    }
    String masked = out.append(text.substring(last)).toString();
    out.setLength(0);
    Matcher parameter = Patterns.SECRET_PARAMETER.matcher(masked);
    last = 0;
    while (parameter.find()) {
      out.append(masked, last, parameter.start(1)).append(MASK);
      last = parameter.end(1);
    }
    return out.append(masked.substring(last)).toString();
  }

  /** The text with every known secret, in each of its forms, replaced by {@link #MASK}. */
  public String redact(String text) {
    List<String> current = needles;
    if (text == null || current.isEmpty()) {
      return text;
    }
    String out = text;
    for (String needle : current) {
      if (out.contains(needle)) {
        out = out.replace(needle, MASK);
      }
    }
    return maskCutEnds(out, current);
  }

  /**
   * Messages quote a server's answer only so far (`...` marks the cut), and a body is kept up to
   * a limit: a secret cut there leaves its beginning. That beginning is masked too: before a
   * `...` or `…` when at least {@link #MIN_LENGTH} characters of it remain, at the very end of
   * the text when at least half of it does (a shorter tail is too likely an ordinary word).
   */
  private static String maskCutEnds(String text, List<String> current) {
    StringBuilder out = new StringBuilder(text);
    boolean changed = false;
    int cut = text.length();
    boolean marked = false;
    while (cut >= MIN_LENGTH) {
      int longest = 0;
      for (String needle : current) {
        int least = marked ? MIN_LENGTH : Math.max(MIN_LENGTH, (needle.length() + 1) / 2);
        for (int k = Math.min(needle.length() - 1, cut); k >= least && k > longest; k--) {
          if (text.regionMatches(cut - k, needle, 0, k)) {
            longest = k;
            break;
          }
        }
      }
      if (longest > 0) {
        out.replace(cut - longest, cut, MASK);
        changed = true;
      }
      int before = cut - longest - 1;
      int dots = before < 0 ? -1 : text.lastIndexOf("...", before);
      int ellipsis = before < 0 ? -1 : text.lastIndexOf('\u2026', before);
      cut = Math.max(dots, ellipsis);
      marked = true;
    }
    return changed ? out.toString() : text;
  }

  /**
   * A JSON-like tree (maps, lists, strings, numbers, booleans, null) with {@link #redact} applied
   * to every string, keys included; the tree itself is not changed.
   */
  public Object redactTree(Object tree) {
    if (needles.isEmpty()) {
      return tree;
    }
    if (tree instanceof String s) {
      return redact(s);
    }
    if (tree instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k instanceof String s ? redact(s) : k, redactTree(v)));
      return out;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(redactTree(item)));
      return out;
    }
    return tree;
  }

  /** Whether any secret is known, so that a caller can skip work when none is. */
  public boolean knowsAny() {
    return !needles.isEmpty();
  }

  /** How many secrets were too short to mask in text. */
  public synchronized int tooShort() {
    return shortOnes.size();
  }

  /** `user:password`: the password, the pair, and the pair's Base64 (Basic authentication). */
  private void learnPair(String pair) {
    int colon = pair.indexOf(':');
    if (colon < 0 || colon == pair.length() - 1) {
      return;
    }
    learn(pair.substring(colon + 1));
    learn(pair);
  }

  private static List<String> forms(String value) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(value);
    forms.add(jsonEscaped(value));
    forms.add(xmlEscaped(value));
    forms.add(value.replace("|", "\\|"));
    String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
    forms.add(form);
    forms.add(form.replace("+", "%20"));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    forms.add(Base64.getEncoder().encodeToString(bytes));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    return new ArrayList<>(forms);
  }

  /** As the journal and the JSON reports write it: their writer's escapes, quotes dropped. */
  private static String jsonEscaped(String value) {
    String quoted = dev.chaos.types.JsonTree.write(value);
    return quoted.substring(1, quoted.length() - 1);
  }


  private static String xmlEscaped(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&apos;");
  }

  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
