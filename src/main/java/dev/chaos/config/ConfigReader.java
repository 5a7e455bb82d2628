package dev.chaos.config;

import dev.chaos.diag.Suggest;
import dev.chaos.spi.Redactor;
import dev.chaos.spi.yaml.Origin;
import dev.chaos.spi.yaml.YamlException;
import dev.chaos.spi.yaml.YamlNode;
import dev.chaos.spi.yaml.YamlSection;
import dev.chaos.spi.yaml.YamlSection.Field;
import dev.chaos.units.DurationSyntax;
import dev.chaos.units.Durations;
import dev.chaos.units.UnitException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the YAML tree of `chaos.yaml` into {@link ChaosConfig}, checking every key. */
final class ConfigReader {
  private static final List<String> ENVIRONMENT_KEYS =
      List.of("class", "kubernetes", "prometheus", "redis", "postgres", "notify", "http");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Path file;
  private final Path home;
  private final List<String> environmentKeys;

  /** {@code driverSections}: the sections that drivers read themselves, allowed beside ours. */
  ConfigReader(Path file, Path home, Set<String> driverSections) {
    this.file = file;
    this.home = home;
    List<String> keys = new ArrayList<>(ENVIRONMENT_KEYS);
    driverSections.stream().filter(k -> !keys.contains(k)).sorted().forEach(keys::add);
    this.environmentKeys = List.copyOf(keys);
  }

  ChaosConfig read(YamlNode root) throws YamlException {
    Origin top = new Origin(file, 1, 1, "");
    if (root == null) {
      throw new ConfigException(top, "missing required key `environments` (the file is empty)");
    }
    if (root.kind() != YamlNode.Kind.MAPPING) {
      throw new ConfigException(new Origin(file, root.line(), root.column(), ""),
          "the config file must be a mapping with `environments:` at its top, not "
              + root.describe());
    }
    YamlSection document = YamlSection.of(root, top, List.of("environments"));
    Field field = document.required("environments");
    YamlSection environments = YamlSection.of(field.value(), field.keyOrigin(), allKeys(field));
    Map<String, EnvironmentConfig> byName = new LinkedHashMap<>();
    for (YamlNode.Entry entry : environments.entries()) {
      byName.put(entry.key(), environment(entry.key(), environments.field(entry)));
    }
    if (byName.isEmpty()) {
      throw new ConfigException(field.origin(), "`environments` has no environment");
    }
    return new ChaosConfig(file, byName);
  }

  private static List<String> allKeys(Field field) throws YamlException {
    return List.copyOf(YamlSection.mapping(field.value(), field.keyOrigin()).entries().keySet());
  }

  private EnvironmentConfig environment(String name, Field field) throws YamlException {
    YamlSection env = YamlSection.of(field.value(), field.keyOrigin(), environmentKeys);
    EnvClass declared = envClass(env.required("class"));
    Map<String, Field> sections = new LinkedHashMap<>();
    for (YamlNode.Entry entry : env.entries()) {
      if (!entry.key().equals("class")) {
        sections.put(entry.key(), env.field(entry));
      }
    }
    return new EnvironmentConfig(name, declared, field.keyOrigin(),
        section(env, "kubernetes", this::kubernetes), section(env, "prometheus", this::prometheus),
        section(env, "redis", this::redis), section(env, "postgres", this::postgres),
        section(env, "notify", this::notify), section(env, "http", this::http), sections);
  }

  private interface SectionReader<T> {
    T read(Field field) throws YamlException;
  }

  private static <T> Optional<T> section(YamlSection env, String key, SectionReader<T> reader)
      throws YamlException {
    Optional<Field> field = env.optional(key);
    return field.isEmpty() ? Optional.empty() : Optional.of(reader.read(field.get()));
  }

  private static EnvClass envClass(Field field) throws YamlException {
    String text = YamlSection.text(field);
    for (EnvClass c : EnvClass.values()) {
      if (c.text().equals(text)) {
        return c;
      }
    }
    List<String> names = List.of("dev", "staging", "prod");
    // `production` and `development` are too far for the edit distance but plainly meant.
    String hint = Suggest.closest(text, names)
        .or(() -> names.stream().filter(text::startsWith).findFirst())
        .map(s -> "; did you mean `" + s + "`?").orElse("");
    throw new ConfigException(field.origin(), "`" + field.origin().key()
        + "` must be `dev`, `staging` or `prod`, not `" + text + "`" + hint);
  }

  private K8sTarget kubernetes(Field field) throws YamlException {
    YamlSection k8s = YamlSection.of(field.value(), field.keyOrigin(),
        List.of("context", "in_cluster", "kubeconfig", "clusters", "lock_namespace",
            "lock_lease", "chaos_namespaces", "run_records_max_age"));
    Optional<String> context = optionalText(k8s, "context");
    boolean inCluster = k8s.has("in_cluster") && YamlSection.bool(k8s.required("in_cluster"));
    Optional<Path> kubeconfig = optionalPath(k8s, "kubeconfig");
    if (inCluster && (context.isPresent() || kubeconfig.isPresent())) {
      Field at = k8s.optional("context").orElseGet(() -> k8s.optional("kubeconfig").get());
      throw new ConfigException(at.keyOrigin(), "`" + at.keyOrigin().key()
          + "` cannot be used with `in_cluster: true` (in-cluster uses the pod's service account)");
    }
    Map<String, K8sCluster> clusters = new LinkedHashMap<>();
    Optional<Field> clustersField = k8s.optional("clusters");
    if (clustersField.isPresent()) {
      YamlSection all = YamlSection.of(clustersField.get().value(), clustersField.get().keyOrigin(),
          allKeys(clustersField.get()));
      for (YamlNode.Entry entry : all.entries()) {
        Field one = all.field(entry);
        YamlSection cluster = YamlSection.of(one.value(), one.keyOrigin(), List.of("context", "kubeconfig"));
        clusters.put(entry.key(), new K8sCluster(entry.key(),
            YamlSection.text(cluster.required("context")), optionalPath(cluster, "kubeconfig")));
      }
    }
    List<String> chaosNamespaces = new ArrayList<>();
    Optional<Field> chaos = k8s.optional("chaos_namespaces");
    if (chaos.isPresent()) {
      Field list = chaos.get();
      if (list.value().kind() != YamlNode.Kind.SEQUENCE
          || ((YamlNode.Sequence) list.value()).items().isEmpty()) {
        throw YamlSection.wrongType(list.value(), list.keyOrigin(),
            "a non-empty list of namespaces");
      }
      for (YamlNode item : ((YamlNode.Sequence) list.value()).items()) {
        chaosNamespaces.add(YamlSection.text(new Field(item, list.keyOrigin(),
            YamlSection.at(item, list.keyOrigin()))));
      }
    }
    return new K8sTarget(context, inCluster, kubeconfig, clusters,
        optionalText(k8s, "lock_namespace").orElse(K8sTarget.DEFAULT_LOCK_NAMESPACE),
        lockLease(k8s), chaosNamespaces, k8s.optional("run_records_max_age").isPresent()
            ? duration(k8s.optional("run_records_max_age").get())
            : K8sTarget.DEFAULT_RUN_RECORDS_MAX_AGE);
  }

  private static Duration lockLease(YamlSection k8s) throws YamlException {
    Optional<Field> field = k8s.optional("lock_lease");
    if (field.isEmpty()) {
      return K8sTarget.DEFAULT_LOCK_LEASE;
    }
    Duration lease = duration(field.get());
    if (lease.compareTo(K8sTarget.MIN_LOCK_LEASE) < 0) {
      Origin at = YamlSection.at(field.get().value(), field.get().keyOrigin());
      throw new ConfigException(at, "`" + at.key() + "` must be at least 3s (it is renewed "
          + "every third of it), not " + ((YamlNode.Scalar) field.get().value()).text());
    }
    return lease;
  }

  private PromTarget prometheus(Field field) throws YamlException {
    YamlSection prom = YamlSection.of(field.value(), field.keyOrigin(), List.of("url", "token", "timeout"));
    Optional<Field> timeout = prom.optional("timeout");
    return new PromTarget(httpUrl(prom.required("url")), optionalSecret(prom, "token"),
        timeout.isEmpty() ? PromTarget.DEFAULT_TIMEOUT : duration(timeout.get()));
  }

  private RedisTarget redis(Field field) throws YamlException {
    YamlSection redis = YamlSection.of(field.value(), field.keyOrigin(),
        List.of("address", "sentinels", "master", "password"));
    Optional<SecretRef> password = optionalSecret(redis, "password");
    Optional<Field> address = redis.optional("address");
    Optional<Field> sentinels = redis.optional("sentinels");
    if (address.isPresent() == sentinels.isPresent()) {
      String key = redis.origin().key();
      throw new ConfigException(address.isPresent() ? sentinels.get().keyOrigin() : redis.origin(),
          "`" + key + "` needs exactly one of `address` (direct) or `sentinels` with `master`");
    }
    if (address.isPresent()) {
      if (redis.has("master")) {
        Origin at = redis.required("master").keyOrigin();
        throw new ConfigException(at, "`" + at.key() + "` only goes with `sentinels`");
      }
      return new RedisTarget(Optional.of(hostPort(address.get(), address.get().value())),
          List.of(), Optional.empty(), password);
    }
    Field list = sentinels.get();
    if (list.value().kind() == YamlNode.Kind.SEQUENCE
        && ((YamlNode.Sequence) list.value()).items().isEmpty()) {
      throw new ConfigException(YamlSection.at(list.value(), list.keyOrigin()),
          "`" + list.keyOrigin().key() + "` is an empty list: name at least one sentinel as"
              + " `host:port`");
    }
    if (list.value().kind() != YamlNode.Kind.SEQUENCE) {
      throw YamlSection.wrongType(list.value(), list.keyOrigin(), "a non-empty list of `host:port`");
    }
    List<HostPort> set = new ArrayList<>();
    for (YamlNode item : ((YamlNode.Sequence) list.value()).items()) {
      set.add(hostPort(list, item));
    }
    return new RedisTarget(Optional.empty(), set,
        Optional.of(YamlSection.text(redis.required("master"))), password);
  }

  private PostgresTarget postgres(Field field) throws YamlException {
    YamlSection pg = YamlSection.of(field.value(), field.keyOrigin(), List.of("url", "user", "password"));
    Field url = pg.required("url");
    String text = YamlSection.text(url);
    if (!text.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(url.origin(), "`" + url.origin().key()
          + "` must be a JDBC URL starting with `jdbc:postgresql:`, not `"
          + Redactor.withoutCredentials(text) + "`");
    }
    return new PostgresTarget(text, YamlSection.text(pg.required("user")), optionalSecret(pg, "password"));
  }

  private NotifyTarget notify(Field field) throws YamlException {
    YamlSection notify = YamlSection.of(field.value(), field.keyOrigin(),
        List.of("webhook", "token", "contacts", "escalation"));
    Map<String, EscalationSection.ContactEntry> entries =
        EscalationSection.contacts(notify, List.of("webhook", "token"));
    Map<String, NotifyContact> contacts = new LinkedHashMap<>();
    for (EscalationSection.ContactEntry c : entries.values()) {
      contacts.put(c.key(), new NotifyContact(c.key(), c.name(),
          httpUrl(c.section().required("webhook")), optionalSecret(c.section(), "token")));
    }
    return new NotifyTarget(httpUrl(notify.required("webhook")), optionalSecret(notify, "token"),
        contacts, EscalationSection.escalations(notify, entries));
  }

  private static Optional<String> optionalText(YamlSection section, String key) throws YamlException {
    Optional<Field> field = section.optional(key);
    return field.isEmpty() ? Optional.empty() : Optional.of(YamlSection.text(field.get()));
  }

  /** `~/x` is under the home directory; a relative path is taken from the config's directory. */
  private Optional<Path> optionalPath(YamlSection section, String key) throws YamlException {
    Optional<String> text = optionalText(section, key);
    return text.isEmpty() ? Optional.empty() : Optional.of(path(text.get()));
  }

  private Path path(String text) {
    if (text.equals("~") || text.startsWith("~/")) {
      return home.resolve(text.substring(Math.min(2, text.length())));
    }
    Path dir = file.toAbsolutePath().getParent();
    return dir == null ? Path.of(text) : dir.resolve(text).normalize();
  }

  /** A secret is only ever a reference: the secret itself must not sit in the file. */
  private Optional<SecretRef> optionalSecret(YamlSection section, String key) throws YamlException {
    Optional<Field> found = section.optional(key);
    return found.isEmpty() ? Optional.empty() : Optional.of(secret(found.get()));
  }

  /** `env:NAME` or `file:PATH` (relative to the config file's directory, `~/` at home). */
  SecretRef secret(Field field) throws YamlException {
    Origin at = field.origin();
    String never = "`" + at.key() + "` must be `env:NAME` or `file:PATH`, never the secret itself";
    YamlNode node = field.value();
    if (node.kind() != YamlNode.Kind.SCALAR
        || ((YamlNode.Scalar) node).type() == YamlNode.Scalar.ScalarType.NULL) {
      throw YamlSection.wrongType(node, field.keyOrigin(), "`env:NAME` or `file:PATH`");
    }
    String text = ((YamlNode.Scalar) node).text();
    if (text.startsWith("env:")) {
      String name = text.substring(4);
      if (!ENV_NAME.matcher(name).matches()) {
        // the value is never quoted: a secret pasted after `env:` would be printed
        String problem = name.isEmpty() ? "`env:` needs a variable name"
            : !name.strip().equals(name) ? "`env:NAME` has no space around the variable name"
            : "`env:NAME` needs a variable name of letters, digits and `_`";
        throw new ConfigException(at, "`" + at.key() + "`: " + problem
            + " (the value is not shown: it may be the secret itself)");
      }
      return SecretRef.env(name, at);
    }
    if (text.startsWith("file:")) {
      if (text.length() == 5) {
        throw new ConfigException(at, "`" + at.key() + "`: `file:` needs a path");
      }
      return SecretRef.file(path(text.substring(5)), at);
    }
    throw new ConfigException(at, never);
  }

  private static URI httpUrl(Field field) throws YamlException {
    String text = YamlSection.text(field);
    String problem = "`" + field.origin().key() + "` must be an http:// or https:// URL, not `"
        + Redactor.withoutCredentials(text) + "`";
    try {
      URI uri = new URI(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigException(field.origin(), problem);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(field.origin(), problem);
    }
  }

  private HttpRoutes http(Field field) throws YamlException {
    YamlSection http = YamlSection.of(field.value(), field.keyOrigin(), List.of("connect_to"));
    Map<HostPort, HostPort> routes = new LinkedHashMap<>();
    Optional<Field> connectTo = http.optional("connect_to");
    if (connectTo.isPresent()) {
      YamlSection mapping = YamlSection.of(connectTo.get().value(), connectTo.get().keyOrigin(),
          allKeys(connectTo.get()));
      for (YamlNode.Entry entry : mapping.entries()) {
        Field route = mapping.field(entry);
        HostPort from = HostPort.parse(entry.key());
        if (from == null) {
          throw new ConfigException(route.keyOrigin(), "`" + route.keyOrigin().key()
              + "` is not `host:port` (the address a runbook names)");
        }
        routes.put(from, hostPort(route, route.value()));
      }
    }
    return new HttpRoutes(routes);
  }

  private static HostPort hostPort(Field field, YamlNode node) throws YamlException {
    HostPort parsed = node.kind() == YamlNode.Kind.SCALAR
        ? HostPort.parse(((YamlNode.Scalar) node).text()) : null;
    if (parsed == null) {
      throw YamlSection.wrongType(node, field.keyOrigin(), "`host:port`");
    }
    return parsed;
  }

  /** A duration above zero, read as runbooks and world files read one: `5s`, `1m30s`. */
  static Duration duration(Field field) throws YamlException {
    YamlNode node = field.value();
    if (node.kind() != YamlNode.Kind.SCALAR) {
      throw YamlSection.wrongType(node, field.keyOrigin(), "a duration such as `5s` or `500ms`");
    }
    try {
      return Durations.parse(((YamlNode.Scalar) node).text(), DurationSyntax.POSITIVE);
    } catch (UnitException e) {
      Origin at = YamlSection.at(node, field.keyOrigin());
      throw new ConfigException(at, "`" + at.key() + "`: " + e.getMessage());
    }
  }
}
