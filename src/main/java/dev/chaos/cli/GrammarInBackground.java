package dev.chaos.cli;

/**
 * Initialises the generated parser class on a thread of its own as a check starts: its static
 * initialiser deserialises the grammar's automaton, tens of milliseconds in the bytecode
 * interpreter, which the main thread would otherwise spend before its first token (the token
 * vocabulary lives in that class) while it could be finding and reading the files. A thread
 * that needs the class meanwhile waits for the initialisation, as the JVM guarantees.
 */
final class GrammarInBackground {
  private static final String PARSER = "dev.chaos.syntax.grammar.ChaosParser";

  private GrammarInBackground() {}

  static void start() {
    Thread thread = new Thread(GrammarInBackground::initialise, "chaos-grammar");
    thread.setDaemon(true);
    thread.start();
  }

  private static void initialise() {
    try {
      Class.forName(PARSER, true, GrammarInBackground.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      // the main thread meets the same problem when it parses, and reports it there
    }
  }
}
