package dev.chaos.drivers.sandbox;

import dev.chaos.drivers.sandbox.WorldSpec.ProgramSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The programs of the world: the sandbox runs nothing on the machine; `shell.run` answers as
 * the world file's `shell` section says, and a program it does not list is not found (exit
 * status 127, as a shell reports it). A program may act on the world as it answers (a DR
 * script switching the DNS record, promoting a standby database, scaling a region up).
 */
public final class ShellWorld {
  private final World world;
  private final List<List<String>> ran = new ArrayList<>();

  ShellWorld(World world) {
    this.world = world;
  }

  public Results.ProcessResult run(String cmd, List<String> args, Duration timeout) {
    return world.write(now -> {
      List<String> line = new ArrayList<>();
      line.add(cmd);
      line.addAll(args);
      ran.add(List.copyOf(line));
      ProgramSpec program = world.spec().shell().get(cmd);
      if (program == null) {
        return new Results.ProcessResult(127, "", "sandbox: " + cmd + ": not found (add it under"
            + " `shell` in the world file)\n");
      }
      world.act(program.actions(), now);
      return new Results.ProcessResult(program.exit(), program.stdout(), program.stderr());
    });
  }

  /** Every command line run so far, program first. */
  public List<List<String>> ran() {
    return world.read(now -> List.copyOf(ran));
  }
}
