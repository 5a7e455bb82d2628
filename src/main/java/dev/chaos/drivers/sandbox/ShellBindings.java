package dev.chaos.drivers.sandbox;

import static dev.chaos.drivers.Arguments.bool;
import static dev.chaos.drivers.Arguments.string;
import static dev.chaos.drivers.Arguments.variadicStrings;

import dev.chaos.spi.BuiltinImpl;
import dev.chaos.spi.Preview;
import dev.chaos.types.Value;
import java.util.List;
import java.util.Map;

/**
 * `shell.run` on the world's programs: nothing runs on the machine. With `check:` (the
 * default) a non-zero exit status fails the call, naming the program and its first line of
 * standard error.
 */
final class ShellBindings {
  private ShellBindings() {}

  static void bind(World world, Map<String, BuiltinImpl> into) {
    into.put("shell.run", (a, c) -> {
      String cmd = string(a, "cmd");
      List<String> args = variadicStrings(a, "args");
      String line = String.join(" ", cmd, String.join(" ", args)).strip();
      if (c.dryRun(Preview.of("run " + line).withTarget(line))) {
        // the answer the world file gives, without recording a run
        WorldSpec.ProgramSpec program = world.spec().shell().get(cmd);
        return program == null ? new Results.ProcessResult(127, "", "").toValue()
            : new Results.ProcessResult(program.exit(), program.stdout(), program.stderr())
                .toValue();
      }
      Results.ProcessResult result = world.shell().run(cmd, args, null);
      if (result.exit() != 0 && bool(a, "check", true)) {
        String stderr = result.stderr().strip();
        int newline = stderr.indexOf('\n');
        throw new IllegalStateException(line + ": exit status " + result.exit()
            + (stderr.isEmpty() ? "" : ": "
                + (newline < 0 ? stderr : stderr.substring(0, newline))));
      }
      return result.toValue();
    });
  }
}
