package dev.chaos.config;

import dev.chaos.diag.Suggest;
import dev.chaos.spi.Escalations;
import dev.chaos.spi.yaml.Origin;
import dev.chaos.spi.yaml.YamlException;
import dev.chaos.spi.yaml.YamlNode;
import dev.chaos.spi.yaml.YamlSection;
import dev.chaos.spi.yaml.YamlSection.Field;
import dev.chaos.units.DurationSyntax;
import dev.chaos.units.Durations;
import dev.chaos.units.UnitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The `contacts` and `escalation` keys of a `notify` section, in chaos.yaml and in world files
 * alike: contacts by key (`name`, and the channel the caller reads), and escalation policies as
 * lists of levels (`after`: how long the problem has lasted, `notify`: contact keys). The first
 * policy is the default. Every mistake names its key and place.
 */
public final class EscalationSection {
  private EscalationSection() {}

  /** The keys a `notify` section allows for these two parts. */
  public static final List<String> KEYS = List.of("contacts", "escalation");

  /** One contact as written: its key, name and the fields of its channel. */
  public record ContactEntry(String key, String name, YamlSection section) {}

  /** {@code channelKeys}: what else a contact may hold (`webhook`, `token`). */
  public static Map<String, ContactEntry> contacts(YamlSection notify, List<String> channelKeys)
      throws YamlException {
    Map<String, ContactEntry> out = new LinkedHashMap<>();
    Optional<Field> field = notify.optional("contacts");
    if (field.isEmpty()) {
      return out;
    }
    YamlSection all = YamlSection.of(field.get().value(), field.get().keyOrigin(),
        List.copyOf(YamlSection.mapping(field.get().value(), field.get().keyOrigin()).entries()
            .keySet()));
    List<String> keys = new ArrayList<>(List.of("name"));
    keys.addAll(channelKeys);
    for (YamlNode.Entry entry : all.entries()) {
      Field one = all.field(entry);
      YamlSection contact = YamlSection.of(one.value(), one.keyOrigin(), keys);
      String name = contact.has("name") ? YamlSection.text(contact.required("name"))
          : entry.key();
      out.put(entry.key(), new ContactEntry(entry.key(), name, contact));
    }
    return out;
  }

  /** The policies of `escalation`, checked against the {@code contacts} declared. */
  public static Escalations escalations(YamlSection notify, Map<String, ContactEntry> contacts)
      throws YamlException {
    Map<String, String> names = new LinkedHashMap<>();
    contacts.values().forEach(c -> names.put(c.key(), c.name()));
    Optional<Field> field = notify.optional("escalation");
    if (field.isEmpty()) {
      return new Escalations(List.of(), names);
    }
    YamlSection all = YamlSection.of(field.get().value(), field.get().keyOrigin(),
        List.copyOf(YamlSection.mapping(field.get().value(), field.get().keyOrigin()).entries()
            .keySet()));
    List<Escalations.Policy> policies = new ArrayList<>();
    for (YamlNode.Entry entry : all.entries()) {
      policies.add(new Escalations.Policy(entry.key(), levels(all.field(entry), names)));
    }
    if (policies.isEmpty()) {
      throw new YamlException(field.get().keyOrigin(), "`" + field.get().keyOrigin().key()
          + "` has no policy: name one, with its levels (`standard: [{after: 0s, notify: "
          + "[oncall]}]`)");
    }
    return new Escalations(policies, names);
  }

  private static List<Escalations.Level> levels(Field policy, Map<String, String> contacts)
      throws YamlException {
    if (policy.value().kind() != YamlNode.Kind.SEQUENCE
        || ((YamlNode.Sequence) policy.value()).items().isEmpty()) {
      throw YamlSection.wrongType(policy.value(), policy.keyOrigin(),
          "a non-empty list of levels such as `{after: 15m, notify: [lead]}`");
    }
    List<Escalations.Level> out = new ArrayList<>();
    for (YamlNode item : ((YamlNode.Sequence) policy.value()).items()) {
      Origin at = YamlSection.at(item, policy.keyOrigin());
      YamlSection level = YamlSection.of(item, at, List.of("after", "notify"));
      Duration after = after(level.required("after"));
      Field notify = level.required("notify");
      List<String> who = new ArrayList<>();
      List<YamlNode> items = notify.value().kind() == YamlNode.Kind.SEQUENCE
          ? ((YamlNode.Sequence) notify.value()).items() : List.of(notify.value());
      for (YamlNode one : items) {
        Field f = new Field(one, notify.keyOrigin(), YamlSection.at(one, notify.keyOrigin()));
        String key = YamlSection.text(f);
        if (!contacts.containsKey(key)) {
          String hint = Suggest.closest(key, contacts.keySet())
              .map(s -> "; did you mean `" + s + "`?").orElse("");
          throw new YamlException(f.origin(), "`" + notify.keyOrigin().key()
              + "` names `" + key + "`, which is not a contact (" + (contacts.isEmpty()
                  ? "declare it under `contacts`" : "the contacts are "
                  + String.join(", ", contacts.keySet().stream().map(c -> "`" + c + "`")
                      .toList())) + ")" + hint);
        }
        who.add(key);
      }
      if (who.isEmpty()) {
        throw YamlSection.wrongType(notify.value(), notify.keyOrigin(),
            "a non-empty list of contacts");
      }
      out.add(new Escalations.Level(after, who));
    }
    return out;
  }

  /** `0s` (at once) or a later delay, read as runbooks read durations. */
  private static Duration after(Field field) throws YamlException {
    YamlNode node = field.value();
    if (node.kind() != YamlNode.Kind.SCALAR) {
      throw YamlSection.wrongType(node, field.keyOrigin(), "a duration such as `0s` or `15m`");
    }
    try {
      return Durations.parse(((YamlNode.Scalar) node).text(), DurationSyntax.STRICT);
    } catch (UnitException e) {
      Origin at = YamlSection.at(node, field.keyOrigin());
      throw new YamlException(at, "`" + at.key() + "`: " + e.getMessage());
    }
  }
}
