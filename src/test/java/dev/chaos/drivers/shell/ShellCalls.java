package dev.chaos.drivers.shell;

import dev.chaos.drivers.RealClockContext;
import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.CallArgs;
import dev.chaos.types.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `shell.run` calls as the interpreter makes them: the first argument by name, the rest after. */
final class ShellCalls {
  private ShellCalls() {}

  /** The arguments of `shell.run(cmd, args...)`, plus named ones as name, value pairs. */
  static CallArgs argv(List<String> commandLine, Object... namesAndValues) {
    Map<String, Value> byName = new LinkedHashMap<>();
    byName.put("cmd", Value.str(commandLine.get(0)));
    List<Value> rest = new ArrayList<>();
    for (int i = 1; i < commandLine.size(); i++) {
      if (i == 1) {
        byName.put("args", Value.str(commandLine.get(i)));
      } else {
        rest.add(Value.str(commandLine.get(i)));
      }
    }
    for (int i = 0; i < namesAndValues.length; i += 2) {
      byName.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
    }
    return new CallArgs(byName, rest);
  }

  static Value run(Path directory, RealClockContext context, CallArgs args) throws Exception {
    return run(directory, LiveShellBindings.OUTPUT_LIMIT, context, args);
  }

  static Value run(Path directory, int outputLimit, RealClockContext context, CallArgs args)
      throws Exception {
    Map<String, BuiltinImpl> impls = new HashMap<>();
    LiveShellBindings.bind(directory, outputLimit, impls);
    return impls.get("shell.run").call(args, context);
  }

  static RealClockContext within(Duration budget) {
    return new RealClockContext(budget, false);
  }

  static long exit(Value result) {
    return ((Value.Int) ((Value.Rec) result).field("exit")).value();
  }

  static String stdout(Value result) {
    return ((Value.Str) ((Value.Rec) result).field("stdout")).value();
  }

  static String stderr(Value result) {
    return ((Value.Str) ((Value.Rec) result).field("stderr")).value();
  }
}
