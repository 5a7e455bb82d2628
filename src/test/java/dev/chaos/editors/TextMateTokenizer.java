package dev.chaos.editors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The part of the TextMate tokenizing algorithm that editors/chaos.tmLanguage.json uses, with
 * Java regexes instead of Oniguruma: `match`, `begin`/`end` with `name`, `contentName` and
 * captures, `patterns`, and `include` of `#repository` entries and `$self`. At each position
 * the earliest match wins, ties going to the end pattern of the open rule and then to the
 * first pattern in order, as in vscode-textmate. TextMateGrammarTest checks that its output is
 * the same as vscode-textmate's (the snapshots of editors/test/tokenize.mjs).
 */
final class TextMateTokenizer {
  private final JsonNode grammar;
  private final String scopeName;
  private final Map<JsonNode, Rule> rules = new IdentityHashMap<>();
  private final Rule root;

  TextMateTokenizer(JsonNode grammar) {
    this.grammar = grammar;
    this.scopeName = grammar.get("scopeName").asString();
    this.root = rule(grammar);
    root.name = null; // the grammar's `name` is what editors show, not a scope
  }

  /** Every regex of the grammar, with where it is (for messages). */
  static Map<String, String> regexes(JsonNode node, String where, Map<String, String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        if ((key.equals("match") || key.equals("begin") || key.equals("end")) && field.getValue().isString()) {
          out.put(where + "/" + key, field.getValue().asString());
        } else {
          regexes(field.getValue(), where + "/" + key, out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        regexes(node.get(i), where + "/" + i, out);
      }
    }
    return out;
  }

  /** The scopes of each character of each line, outermost first, the grammar's own left out. */
  List<List<List<String>>> tokenize(List<String> lines) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root, List.of(), List.of()));
    List<List<List<String>>> out = new ArrayList<>();
    for (String line : lines) {
      out.add(tokenizeLine(line, stack));
    }
    return out;
  }

  /** Tokens as editors/test/tokenize.mjs prints them: adjacent characters with equal scopes merged. */
  static String render(List<String> lines, List<List<List<String>>> scopes, java.util.function.Function<String, String> json) {
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      String line = lines.get(l);
      List<List<String>> chars = scopes.get(l);
      int start = 0;
      for (int i = 1; i <= line.length(); i++) {
        if (i == line.length() || !chars.get(i).equals(chars.get(start))) {
          out.append(l + 1).append(':').append(start + 1).append('\t')
              .append(json.apply(line.substring(start, i))).append('\t')
              .append(String.join(" ", chars.get(start))).append('\n');
          start = i;
        }
      }
    }
    return out.toString();
  }

  private List<List<String>> tokenizeLine(String line, Deque<Frame> stack) {
    String text = line + "\n";
    List<List<String>> chars = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      chars.add(null);
    }
    int pos = 0;
    int guard = 0;
    while (pos <= line.length()) {
      if (++guard > 100_000) {
        throw new IllegalStateException("the grammar does not advance on: " + line);
      }
      Frame top = stack.peek();
      Matcher best = null;
      Rule bestRule = null;
      if (top.rule.end != null) {
        Matcher end = find(top.rule.end, text, pos);
        if (end != null) {
          best = end;
        }
      }
      for (Rule candidate : candidates(top.rule)) {
        Matcher m = find(candidate.match != null ? candidate.match : candidate.begin, text, pos);
        if (m != null && (best == null || m.start() < best.start())) {
          best = m;
          bestRule = candidate;
        }
      }
      if (best == null) {
        fill(chars, pos, text.length(), top.inner);
        break;
      }
      fill(chars, pos, best.start(), top.inner);
      if (bestRule == null) {
        fill(chars, best.start(), best.end(), top.outer);
        captures(chars, best, top.rule.endCaptures, top.outer);
        stack.pop();
      } else if (bestRule.match != null) {
        List<String> scopes = plus(top.inner, bestRule.name);
        fill(chars, best.start(), best.end(), scopes);
        captures(chars, best, bestRule.captures, scopes);
      } else {
        List<String> outer = plus(top.inner, bestRule.name);
        fill(chars, best.start(), best.end(), outer);
        captures(chars, best, bestRule.beginCaptures, outer);
        stack.push(new Frame(bestRule, outer, plus(outer, bestRule.contentName)));
      }
      if (best.end() == pos && bestRule != null && bestRule.match != null) {
        // An empty match that changes no state would repeat forever: step over one character.
        fill(chars, pos, pos + 1, stack.peek().inner);
        pos++;
      } else {
        pos = best.end();
      }
    }
    return chars.subList(0, line.length());
  }

  private static Matcher find(Pattern pattern, String text, int from) {
    Matcher m = pattern.matcher(text);
    m.useTransparentBounds(true);
    m.useAnchoringBounds(false);
    m.region(from, text.length());
    return m.find() ? m : null;
  }

  private static void fill(List<List<String>> chars, int from, int to, List<String> scopes) {
    for (int i = from; i < Math.min(to, chars.size()); i++) {
      chars.set(i, scopes);
    }
  }

  /** Group scopes nest: an inner group's characters get the outer group's scope and its own. */
  private static void captures(List<List<String>> chars, Matcher m, Map<Integer, String> captures, List<String> base) {
    for (Map.Entry<Integer, String> capture : captures.entrySet()) {
      int group = capture.getKey();
      if (group > m.groupCount() || m.start(group) < 0) {
        continue;
      }
      for (int i = m.start(group); i < m.end(group); i++) {
        List<String> current = chars.get(i) == null ? base : chars.get(i);
        chars.set(i, plus(current, capture.getValue()));
      }
    }
  }

  private static List<String> plus(List<String> scopes, String scope) {
    if (scope == null) {
      return scopes;
    }
    List<String> out = new ArrayList<>(scopes);
    out.add(scope);
    return List.copyOf(out);
  }

  /** The rules a container offers, includes expanded, in order. */
  private List<Rule> candidates(Rule container) {
    if (container.flattened == null) {
      List<Rule> out = new ArrayList<>();
      expand(container.patterns, out, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
      container.flattened = out;
    }
    return container.flattened;
  }

  private void expand(List<JsonNode> patterns, List<Rule> out, Set<JsonNode> seen) {
    for (JsonNode pattern : patterns) {
      JsonNode target = pattern;
      if (pattern.has("include")) {
        target = resolve(pattern.get("include").asString());
      }
      if (!seen.add(target)) {
        continue;
      }
      Rule rule = rule(target);
      if (rule.match == null && rule.begin == null) {
        expand(rule.patterns, out, seen);
      } else {
        out.add(rule);
      }
    }
  }

  private JsonNode resolve(String include) {
    if (include.equals("$self") || include.equals("$base") || include.equals(scopeName)) {
      return grammar;
    }
    if (include.startsWith("#")) {
      JsonNode found = grammar.get("repository").get(include.substring(1));
      if (found == null) {
        throw new IllegalArgumentException("include of a missing repository entry: " + include);
      }
      return found;
    }
    throw new IllegalArgumentException("include of another grammar, which this tokenizer does not load: " + include);
  }

  private Rule rule(JsonNode node) {
    Rule known = rules.get(node);
    if (known != null) {
      return known;
    }
    Rule rule = new Rule();
    rules.put(node, rule);
    rule.name = text(node, "name");
    rule.contentName = text(node, "contentName");
    rule.match = regex(node, "match");
    rule.begin = regex(node, "begin");
    rule.end = regex(node, "end");
    rule.captures = captureNames(node.get("captures"));
    rule.beginCaptures = node.has("beginCaptures") ? captureNames(node.get("beginCaptures")) : rule.captures;
    rule.endCaptures = node.has("endCaptures") ? captureNames(node.get("endCaptures")) : rule.captures;
    JsonNode patterns = node.get("patterns");
    if (patterns != null) {
      for (int i = 0; i < patterns.size(); i++) {
        rule.patterns.add(patterns.get(i));
      }
    }
    return rule;
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null ? null : value.asString();
  }

  private static Pattern regex(JsonNode node, String key) {
    String source = text(node, key);
    return source == null ? null : Pattern.compile(source);
  }

  private static Map<Integer, String> captureNames(JsonNode captures) {
    Map<Integer, String> out = new LinkedHashMap<>();
    if (captures != null) {
      List<Integer> groups = new ArrayList<>();
      for (Map.Entry<String, JsonNode> capture : captures.properties()) {
        groups.add(Integer.parseInt(capture.getKey()));
      }
      groups.sort(null);
      for (int group : groups) {
        JsonNode name = captures.get(String.valueOf(group)).get("name");
        if (name != null) {
          out.put(group, name.asString());
        }
      }
    }
    return out;
  }

  private static final class Rule {
    String name;
    String contentName;
    Pattern match;
    Pattern begin;
    Pattern end;
    Map<Integer, String> captures;
    Map<Integer, String> beginCaptures;
    Map<Integer, String> endCaptures;
    final List<JsonNode> patterns = new ArrayList<>();
    List<Rule> flattened;
  }

  /** An open rule: the scopes of its delimiters (outer) and of its content (inner). */
  private record Frame(Rule rule, List<String> outer, List<String> inner) {}
}
