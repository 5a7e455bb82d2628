package dev.chaos.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simple commands of a CI step's shell script, each as its words with the quotes removed,
 * and those among them that run `chaos`. Enough shell for what the CI files write: quotes,
 * line continuations, comments, `;`, `&&`, `||`, `|`, redirections, leading `VAR=value`.
 * A GitHub expression `${{ ... }}` is one word, kept as written.
 */
final class ShellCommands {
  /**
   * One `chaos` command: the variables assigned before it (`CHAOS_OK_OUTCOMES=ok cmd`), the
   * program as written and the arguments chaos gets.
   */
  record Invocation(Map<String, String> assignments, String program, List<String> args) {
    @Override
    public String toString() {
      return program + " " + String.join(" ", args);
    }
  }

  private ShellCommands() {}

  /** The `chaos` commands of {@code script}: run directly or through ci/chaos-outcome.sh. */
  static List<Invocation> chaosInvocations(String script) {
    List<Invocation> found = new ArrayList<>();
    for (List<String> words : commands(script)) {
      int first = 0;
      Map<String, String> assignments = new LinkedHashMap<>();
      while (first < words.size() && words.get(first).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        String[] assignment = words.get(first).split("=", 2);
        assignments.put(assignment[0], assignment[1]);
        first++;
      }
      if (first < words.size() && runsChaos(words.get(first))) {
        found.add(new Invocation(assignments, words.get(first),
            List.copyOf(words.subList(first + 1, words.size()))));
      }
    }
    return found;
  }

  private static boolean runsChaos(String program) {
    return program.equals("chaos") || program.endsWith("/chaos")
        || program.endsWith("chaos-outcome.sh");
  }

  /** Every simple command of {@code script}, redirections and their targets left out. */
  static List<List<String>> commands(String script) {
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    boolean redirect = false;
    String s = script.replace("\\\n", "");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (s.startsWith("${{", i)) {
        int end = s.indexOf("}}", i);
        end = end < 0 ? s.length() : end + 2;
        word = word == null ? new StringBuilder() : word;
        word.append(s, i, end);
        i = end - 1;
      } else if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        end = end < 0 ? s.length() : end;
        word = word == null ? new StringBuilder() : word;
        word.append(s, i + 1, end);
        i = end;
      } else if (c == '"') {
        word = word == null ? new StringBuilder() : word;
        for (i++; i < s.length() && s.charAt(i) != '"'; i++) {
          if (s.charAt(i) == '\\' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
            i++;
          }
          word.append(s.charAt(i));
        }
      } else if (c == '#' && word == null) {
        while (i + 1 < s.length() && s.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|'
          || c == '>' || c == '<') {
        if (word != null && (c == '>' || c == '<') && word.toString().matches("[0-9]+")) {
          word = null; // the descriptor of `2>FILE`
        }
        if (word != null) {
          if (!redirect) {
            words.add(word.toString());
          }
          redirect = false;
          word = null;
        }
        if (c == '>' || c == '<') {
          redirect = true;
        } else if (c != ' ' && c != '\t' && !words.isEmpty()) {
          commands.add(words);
          words = new ArrayList<>();
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null && !redirect) {
      words.add(word.toString());
    }
    if (!words.isEmpty()) {
      commands.add(words);
    }
    return commands;
  }
}
