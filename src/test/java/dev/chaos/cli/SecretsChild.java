package dev.chaos.cli;

import dev.chaos.spi.DriverRegistry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The `chaos` of {@link SecretsNeverLeakTest}'s child JVMs: the real command line and the real
 * live backend, with the secrets in the child's environment. The first argument says whether
 * stdout is to be taken for a terminal (`terminal`: the live view) or not (`plain`).
 */
public final class SecretsChild {
  private SecretsChild() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    CliContext context = CliContext.of(out, err, System.getenv(), args[0].equals("terminal"),
        DriverRegistry::load);
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    int code = Cli.create(context).execute(rest);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
