package dev.chaos.drivers.shell;

/**
 * A program that could not run, ran out of time, or (with `check:`) failed, with a one-line
 * message naming its command line: "./scripts/drain.sh node-1: exit status 2: no such node".
 */
public final class ShellException extends Exception {
  private static final long serialVersionUID = 1L;

  ShellException(String commandLine, String reason) {
    super(commandLine + ": " + reason);
  }
}
