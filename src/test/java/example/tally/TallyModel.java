package example.tally;

import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.Preview;
import dev.chaos.spi.SandboxModel;
import dev.chaos.spi.SandboxSetup;
import dev.chaos.spi.yaml.YamlNode;
import dev.chaos.spi.yaml.YamlSection;
import dev.chaos.types.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tally service in the sandbox: counters in memory, starting from the world file's
 * `tally: {counters: {visits: 3}}` (none when the world has no `tally` section).
 */
final class TallyModel implements SandboxModel {
  @Override
  public Optional<String> section() {
    return Optional.of("tally");
  }

  @Override
  public DriverBinder prepare(SandboxSetup setup) throws Exception {
    Map<String, Long> counters = new ConcurrentHashMap<>();
    if (setup.section().isPresent()) {
      YamlSection section = YamlSection.of(setup.section().get(), List.of("counters"));
      Optional<YamlSection.Field> all = section.optional("counters");
      if (all.isPresent()) {
        YamlSection named = YamlSection.of(all.get(), List.copyOf(
            YamlSection.mapping(all.get().value(), all.get().keyOrigin()).entries().keySet()));
        for (YamlNode.Entry entry : named.entries()) {
          counters.put(entry.key(), whole(named.field(entry)));
        }
      }
    }
    return into -> {
      into.put("tally.count", (args, context) ->
          Value.integer(counters.getOrDefault(((Value.Str) args.get("name")).value(), 0L)));
      into.put("tally.add", (args, context) -> {
        String name = ((Value.Str) args.get("name")).value();
        long by = ((Value.Int) args.getOr("by", Value.integer(1))).value();
        String undoing = "subtract " + by + " from " + name;
        if (context.dryRun(Preview.of("add " + by + " to " + name).withTarget(name)
            .withUndo(undoing))) {
          return Value.integer(counters.getOrDefault(name, 0L));
        }
        context.registerUndo(undoing,
            undo -> counters.merge(name, -by, Long::sum));
        return Value.integer(counters.merge(name, by, Long::sum));
      });
      return null;
    };
  }

  private static long whole(YamlSection.Field field) throws Exception {
    try {
      return Long.parseLong(YamlSection.text(field));
    } catch (NumberFormatException e) {
      throw YamlSection.wrongType(field.value(), field.keyOrigin(), "a whole number");
    }
  }
}
