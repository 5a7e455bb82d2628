package dev.chaos.editors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.chaos.spi.Builtin;
import dev.chaos.spi.Driver;
import dev.chaos.syntax.grammar.ChaosLexer;
import dev.chaos.syntax.grammar.ChaosParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editor grammar (editors/chaos.tmLanguage.json) against the real lexer and parser: every
 * regex compiles, every keyword of the lexer has a keyword rule, and in the runbooks, the
 * stdlib and editors/test/sample.chaos each token is scoped as the parser reads it: keywords as
 * keywords, contextual keywords used as names not, strings as strings up to their closing
 * quote, interpolations as code, numbers with their unit, everything the lexer skips as a
 * comment. The VS Code extension's manifest points at files that exist.
 */
class TextMateGrammarTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));
  private static final Path GRAMMAR = ROOT.resolve("editors/chaos.tmLanguage.json");
  private static final Path VSCODE = ROOT.resolve("editors/vscode");
  private static final Path SAMPLE = ROOT.resolve("editors/test/sample.chaos");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Keyword spelling → token type: the token types with no lexer rule (see dev.chaos.syntax.ChaosTokenizer). */
  private static final Map<String, Integer> KEYWORDS = new TreeMap<>();

  /** The one token of the lexer's `tokens {}` block that is not a word: `${`. */
  private static final Set<String> NOT_KEYWORDS = Set.of("INTERP_OPEN");

  private static JsonNode grammar;
  private static TextMateTokenizer tokenizer;

  @BeforeAll
  static void load() throws IOException {
    grammar = JSON.readTree(Files.readString(GRAMMAR));
    tokenizer = new TextMateTokenizer(grammar);
    Set<String> lexerRules = new HashSet<>(Arrays.asList(ChaosLexer.ruleNames));
    for (int type = 1; type <= ChaosLexer.VOCABULARY.getMaxTokenType(); type++) {
      String name = ChaosLexer.VOCABULARY.getSymbolicName(type);
      if (name != null && !lexerRules.contains(name) && !NOT_KEYWORDS.contains(name)
          && ChaosLexer.VOCABULARY.getLiteralName(type) == null) {
        KEYWORDS.put(name.toLowerCase(Locale.ROOT), type);
      }
    }
  }

  @Test
  void grammarIsTheSourceChaosScopeAndEveryRegexCompiles() {
    assertThat(grammar.get("scopeName").asString()).isEqualTo("source.chaos");
    Map<String, String> regexes = TextMateTokenizer.regexes(grammar, "", new TreeMap<>());
    assertThat(regexes).hasSizeGreaterThan(40);
    List<String> broken = new ArrayList<>();
    regexes.forEach((where, regex) -> {
      try {
        Pattern.compile(regex);
      } catch (RuntimeException e) {
        broken.add(where + ": " + e.getMessage());
      }
      // Oniguruma reads these differently from Java: `\h` is a hex digit there, `\z`/`\Z` and
      // POSIX brackets differ; the grammar keeps to the subset both read alike.
      for (String construct : List.of("\\h", "\\H", "[[:", "\\G", "\\K", "(?~")) {
        if (regex.contains(construct)) {
          broken.add(where + ": uses " + construct + ", which Java and Oniguruma read differently");
        }
      }
    });
    assertThat(broken).isEmpty();
  }

  @Test
  void theLexerHasKeywordsAndEachIsMatchedByAKeywordRule() {
    assertThat(KEYWORDS).containsKeys("import", "step", "warn", "escalation_policy", "throughout");
    Map<String, String> keywordRegexes = keywordRuleRegexes(grammar, new TreeMap<>(), "");
    List<String> missing = new ArrayList<>();
    for (String keyword : KEYWORDS.keySet()) {
      Pattern word = Pattern.compile("(?<![A-Za-z_0-9])" + keyword + "(?![A-Za-z_0-9])");
      if (keywordRegexes.values().stream().noneMatch(regex -> word.matcher(regex).find())) {
        missing.add(keyword);
      }
    }
    assertThat(missing).as("keywords of grammar/ChaosLexer.g4 that no keyword rule of %s matches",
        GRAMMAR.getFileName()).isEmpty();
  }

  @Test
  void theVimSyntaxHighlightsEveryKeywordAndTheFileTypeIsDetected() throws IOException {
    List<String> rules = Files.readAllLines(ROOT.resolve("editors/vim/syntax/chaos.vim")).stream()
        .filter(line -> line.startsWith("syn ")).map(line -> line.replace("\\zs", " ").replace("\\ze", " ")).toList();
    List<String> missing = new ArrayList<>();
    for (String keyword : KEYWORDS.keySet()) {
      Pattern word = Pattern.compile("(?<![A-Za-z_0-9])" + keyword + "(?![A-Za-z_0-9])");
      if (rules.stream().noneMatch(rule -> word.matcher(rule).find())) {
        missing.add(keyword);
      }
    }
    assertThat(missing).as("keywords that editors/vim/syntax/chaos.vim does not name").isEmpty();
    assertThat(Files.readString(ROOT.resolve("editors/vim/ftdetect/chaos.vim")))
        .contains("*.chaos setfiletype chaos");
  }

  @Test
  void theSampleUsesEveryKeywordWhereItIsOne() throws IOException {
    Set<String> used = new TreeSet<>();
    for (Use use : uses(SAMPLE)) {
      if (use.kind != Kind.NAME && KEYWORDS.containsValue(use.token.getType())) {
        used.add(use.token.getText());
      }
    }
    assertThat(used).as("keywords %s uses as keywords (a new keyword needs a line there)", SAMPLE)
        .containsExactlyInAnyOrderElementsOf(KEYWORDS.keySet());
  }

  @Test
  void everyTokenOfTheRunbooksStdlibAndSampleIsScopedAsTheParserReadsIt() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("runbooks", "stdlib")) {
      try (Stream<Path> found = Files.list(ROOT.resolve(dir))) {
        found.filter(p -> p.toString().endsWith(".chaos")).sorted().forEach(files::add);
      }
    }
    files.add(SAMPLE);
    assertThat(files).hasSizeGreaterThan(10);
    List<String> wrong = new ArrayList<>();
    for (Path file : files) {
      wrong.addAll(misScoped(file));
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aStringNeverRunsIntoTheNextLineInAnyChaosFileOfTheRepositoryBrokenOnesIncluded() throws IOException {
    List<Path> files;
    try (Stream<Path> found = Stream.of("runbooks", "stdlib", "editors", "src/test/resources")
        .flatMap(dir -> walk(ROOT.resolve(dir)))) {
      files = found.filter(p -> p.toString().endsWith(".chaos") && !p.toString().contains("node_modules"))
          .sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(100);
    List<String> wrong = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = lines(file);
      List<List<List<String>>> scopes = tokenizer.tokenize(lines);
      for (int l = 1; l < lines.size(); l++) {
        if (!lines.get(l).isEmpty()) {
          List<String> first = scopes.get(l).get(0);
          // Only a text block, a block comment or an interpolation may go on past a line break.
          if (lastIndex(first, "string.quoted.double.") > lastIndex(first, "meta.interpolation.")) {
            wrong.add(ROOT.relativize(file) + ":" + (l + 1) + " starts inside the string of the line before");
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void agreesWithVscodeTextmateOnTheSnapshots() throws IOException {
    // Written by editors/test/tokenize.mjs --write with the engine VS Code uses.
    for (String file : List.of("runbooks/pod-failure.chaos", "editors/test/sample.chaos")) {
      String name = Path.of(file).getFileName().toString().replace(".chaos", ".tokens");
      String expected = Files.readString(ROOT.resolve("editors/test/snapshots").resolve(name));
      List<String> lines = lines(ROOT.resolve(file));
      String actual = TextMateTokenizer.render(lines, tokenizer.tokenize(lines), JSON::writeValueAsString);
      assertThat(actual.lines().toList()).as("tokens of %s (after a grammar change: cd editors/test && npm install "
          + "&& node tokenize.mjs --write, and review the diff)", file)
          .containsExactlyElementsOf(expected.lines().toList());
    }
  }

  @Test
  void driverNamespacesAndCoreFunctionsHaveTheirRules() {
    String drivers = regexOfScope("support.class.driver.chaos");
    String builtins = regexOfScope("support.function.builtin.chaos");
    List<String> missing = new ArrayList<>();
    for (Driver driver : ServiceLoader.load(Driver.class)) {
      if (driver.namespace().isEmpty()) {
        for (Builtin builtin : driver.builtins()) {
          if (!Pattern.compile("\\b" + builtin.name() + "\\b").matcher(builtins).find()) {
            missing.add("core function " + builtin.name());
          }
        }
      } else if (!Pattern.compile("\\b" + driver.namespace() + "\\b").matcher(drivers).find()) {
        missing.add("driver " + driver.namespace());
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theVscodeExtensionPointsAtFilesThatExistAndShipsTheSameGrammar() throws IOException {
    JsonNode manifest = JSON.readTree(Files.readString(VSCODE.resolve("package.json")));
    assertThat(VSCODE.resolve(manifest.get("main").asString())).isRegularFile();
    JsonNode contributes = manifest.get("contributes");
    JsonNode language = contributes.get("languages").get(0);
    assertThat(language.get("id").asString()).isEqualTo("chaos");
    assertThat(language.get("extensions").get(0).asString()).isEqualTo(".chaos");
    Path configuration = VSCODE.resolve(language.get("configuration").asString());
    JsonNode config = JSON.readTree(Files.readString(configuration));
    assertThat(config.get("comments").get("lineComment").asString()).isEqualTo("//");
    assertThat(config.get("autoClosingPairs").toString()).contains("\"\\\"\\\"\\\"\"");
    for (String key : List.of("increaseIndentPattern", "decreaseIndentPattern")) {
      // VS Code reads these with JavaScript regexes; these two are also valid Java.
      assertThatCode(() -> Pattern.compile(config.get("indentationRules").get(key).asString()))
          .doesNotThrowAnyException();
    }
    JsonNode contributed = contributes.get("grammars").get(0);
    assertThat(contributed.get("scopeName").asString()).isEqualTo("source.chaos");
    Path shipped = VSCODE.resolve(contributed.get("path").asString());
    assertThat(Files.readString(shipped)).as("%s is a copy of %s", shipped, GRAMMAR)
        .isEqualTo(Files.readString(GRAMMAR));
    JsonNode settings = contributes.get("configuration").get("properties");
    assertThat(settings.get("chaos.path").get("default").asString()).isEqualTo("chaos");
    assertThat(settings.has("chaos.trace.server")).isTrue();
    assertThat(Files.readString(VSCODE.resolve(".gitignore"))).contains("node_modules");
  }

  // ---------------------------------------------------------------------------------------

  private enum Kind { KEYWORD, NAME, BOOLEAN, RUNBOOK_VALUE }

  private record Use(Token token, Kind kind) {}

  /** The keyword tokens of a file, each with how the parser used it. */
  private static List<Use> uses(Path file) throws IOException {
    ChaosParser parser = new ChaosParser(new CommonTokenStream(lexer(file)));
    List<String> errors = new ArrayList<>();
    parser.removeErrorListeners();
    parser.addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> r, Object symbol, int line, int col, String msg,
          RecognitionException e) {
        errors.add(file + ":" + line + ":" + (col + 1) + ": " + msg);
      }
    });
    ParseTree tree = parser.program();
    assertThat(errors).as("syntax errors").isEmpty();
    List<Use> uses = new ArrayList<>();
    collectUses(tree, uses, errors);
    assertThat(errors).isEmpty();
    return uses;
  }

  private static void collectUses(ParseTree node, List<Use> uses, List<String> errors) {
    if (node instanceof ErrorNode error) {
      errors.add("error node " + error.getText());
    } else if (node instanceof TerminalNode terminal) {
      Token token = terminal.getSymbol();
      if (KEYWORDS.containsValue(token.getType())) {
        ParseTree parent = terminal.getParent();
        Kind kind = parent instanceof ChaosParser.NameContext || parent instanceof ChaosParser.ReservedWordContext
            ? Kind.NAME
            : parent instanceof ChaosParser.BoolLiteralContext ? Kind.BOOLEAN
            : parent instanceof ChaosParser.RunbookRefContext ? Kind.RUNBOOK_VALUE
            : Kind.KEYWORD;
        uses.add(new Use(token, kind));
      }
    }
    for (int i = 0; i < node.getChildCount(); i++) {
      collectUses(node.getChild(i), uses, errors);
    }
  }

  /** The generated lexer with keywords re-typed by spelling, as dev.chaos.syntax.ChaosTokenizer does. */
  private static ChaosLexer lexer(Path file) throws IOException {
    CharStream input = CharStreams.fromString(Files.readString(file), file.toString());
    ChaosLexer lexer = new ChaosLexer(input) {
      @Override
      public Token nextToken() {
        Token token = super.nextToken();
        if (token.getType() == IDENT && KEYWORDS.containsKey(token.getText())) {
          ((WritableToken) token).setType(KEYWORDS.get(token.getText()));
        }
        return token;
      }
    };
    lexer.removeErrorListeners();
    return lexer;
  }

  private static List<String> lines(Path file) throws IOException {
    return Arrays.asList(Files.readString(file).replace("\r\n", "\n").split("\n", -1));
  }

  private static List<String> misScoped(Path file) throws IOException {
    List<String> lines = lines(file);
    List<List<List<String>>> scopes = tokenizer.tokenize(lines);
    boolean[][] covered = new boolean[lines.size()][];
    for (int i = 0; i < lines.size(); i++) {
      covered[i] = new boolean[lines.get(i).length()];
    }
    Map<Integer, Kind> usesByIndex = new java.util.HashMap<>();
    for (Use use : uses(file)) {
      usesByIndex.put(use.token.getStartIndex(), use.kind);
    }
    List<String> wrong = new ArrayList<>();
    ChaosLexer lexer = lexer(file);
    Deque<Boolean> braces = new ArrayDeque<>(); // true: the `{` is an interpolation's `${`
    for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
      int type = token.getType();
      String symbol = String.valueOf(ChaosLexer.VOCABULARY.getSymbolicName(type));
      boolean inInterpolation = braces.contains(true);
      boolean interpolationEdge = false;
      if (type == ChaosLexer.INTERP_OPEN) {
        braces.push(true);
        interpolationEdge = true;
      } else if (type == ChaosLexer.LBRACE) {
        braces.push(false);
      } else if (type == ChaosLexer.RBRACE && !braces.isEmpty()) {
        interpolationEdge = braces.pop();
      }
      Kind kind = usesByIndex.get(token.getStartIndex());
      int line = token.getLine() - 1;
      int col = token.getCharPositionInLine();
      boolean reported = false;
      for (char c : token.getText().toCharArray()) {
        if (c == '\n') {
          line++;
          col = 0;
          continue;
        }
        if (line >= lines.size() || col >= lines.get(line).length()) {
          continue;
        }
        covered[line][col] = true;
        List<String> at = scopes.get(line).get(col);
        String problem = reported ? null : problem(type, symbol, kind, at, inInterpolation, interpolationEdge);
        if (problem != null) {
          reported = true; // one message a token
          wrong.add(ROOT.relativize(file) + ":" + (line + 1) + ":" + (col + 1) + " `" + token.getText()
              .lines().findFirst().orElse("") + "` (" + symbol + (kind == null ? "" : " used as " + kind)
              + "): " + problem + ", scopes " + at);
        }
        col++;
      }
    }
    for (int l = 0; l < lines.size(); l++) {
      for (int c = 0; c < lines.get(l).length(); c++) {
        char ch = lines.get(l).charAt(c);
        if (!covered[l][c] && !Character.isWhitespace(ch) && !has(scopes.get(l).get(c), "comment.")) {
          wrong.add(ROOT.relativize(file) + ":" + (l + 1) + ":" + (c + 1)
              + " skipped by the lexer (a comment) but scoped " + scopes.get(l).get(c));
          break;
        }
      }
    }
    return wrong;
  }

  private static final Set<Integer> STRING_TOKENS = Set.of(ChaosLexer.STR_OPEN, ChaosLexer.STR_TEXT,
      ChaosLexer.STR_ESCAPE, ChaosLexer.STR_CLOSE, ChaosLexer.TEXT_OPEN, ChaosLexer.TEXT_CHARS,
      ChaosLexer.TEXT_DOLLAR_ESCAPE, ChaosLexer.TEXT_CLOSE);

  /** What is wrong with the scopes of one character of a token, or null. */
  private static String problem(int type, String symbol, Kind kind, List<String> at, boolean inInterpolation,
      boolean interpolationEdge) {
    int lastString = lastIndex(at, "string.");
    int lastInterpolation = lastIndex(at, "meta.interpolation.");
    if (symbol.contains("COMMENT") && !symbol.equals("HASH_COMMENT") && !symbol.startsWith("UNTERMINATED")) {
      return has(at, "comment.") ? null : "a comment not scoped comment.*";
    }
    if (has(at, "comment.")) {
      return "code scoped as a comment";
    }
    if (interpolationEdge) {
      return has(at, "punctuation.section.interpolation.") ? null : "an interpolation's delimiter";
    }
    if (STRING_TOKENS.contains(type)) {
      return lastString > lastInterpolation ? null : "string text not scoped string.*";
    }
    if (lastString > lastInterpolation) {
      return "code inside a string scope (a string swallowed it)";
    }
    if (inInterpolation && lastInterpolation < 0) {
      return "code of an interpolation outside meta.interpolation";
    }
    if (kind != null) {
      boolean keywordScope = has(at, "keyword.") || has(at, "storage.");
      switch (kind) {
        case KEYWORD:
          return keywordScope ? null : "a keyword not scoped keyword.* or storage.*";
        case NAME:
          return keywordScope ? "a name scoped as a keyword" : null;
        case BOOLEAN:
          return has(at, "constant.language.") ? null : "a boolean not scoped constant.language.*";
        case RUNBOOK_VALUE:
          return has(at, "variable.language.") ? null : "`runbook` as a value not scoped variable.language.*";
        default:
          throw new AssertionError(kind);
      }
    }
    String expected = switch (symbol) {
      case "DURATION" -> "constant.numeric.duration.";
      case "PERCENT" -> "constant.numeric.percentage.";
      case "TIME_OF_DAY" -> "constant.numeric.time-of-day.";
      case "INT", "FLOAT" -> "constant.numeric.";
      case "GLUED_NUMBER", "HASH_COMMENT", "AMP_AMP", "PIPE_PIPE", "BANG" -> "invalid.illegal.";
      case "EQ", "NE", "LT", "LE", "GT", "GE", "PLUS", "MINUS", "STAR", "SLASH", "ASSIGN" -> "keyword.operator.";
      default -> null;
    };
    if (expected != null && !has(at, expected)) {
      return "not scoped " + expected + "*";
    }
    if (type == ChaosLexer.IDENT && has(at, "keyword.") && !has(at, "keyword.other.unit")) {
      return "a name scoped as a keyword";
    }
    return null;
  }

  private static boolean has(List<String> scopes, String prefix) {
    return lastIndex(scopes, prefix) >= 0;
  }

  private static int lastIndex(List<String> scopes, String prefix) {
    for (int i = scopes.size() - 1; i >= 0; i--) {
      if (scopes.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  /** The regexes of rules that give a keyword-like scope (to the match or to a capture). */
  private static Map<String, String> keywordRuleRegexes(JsonNode node, Map<String, String> out, String where) {
    if (node.isObject()) {
      String regex = node.has("match") ? node.get("match").asString()
          : node.has("begin") ? node.get("begin").asString() : null;
      if (regex != null && keywordScoped(node)) {
        out.put(where, regex);
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        keywordRuleRegexes(field.getValue(), out, where + "/" + field.getKey());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        keywordRuleRegexes(node.get(i), out, where + "/" + i);
      }
    }
    return out;
  }

  private static boolean keywordScoped(JsonNode rule) {
    String scopes = rule.path("name").asString("") + " " + rule.path("captures") + " " + rule.path("beginCaptures");
    return scopes.contains("keyword.") || scopes.contains("storage.") || scopes.contains("constant.language.")
        || scopes.contains("variable.language.");
  }

  private static String regexOfScope(String scope) {
    StringBuilder out = new StringBuilder();
    collect(grammar, scope, out);
    assertThat(out).as("a rule scoped %s", scope).isNotEmpty();
    return out.toString();
  }

  private static void collect(JsonNode node, String scope, StringBuilder out) {
    if (node.isObject()) {
      if (node.has("match") && (node.path("name").asString("") + node.path("captures")).contains(scope)) {
        out.append(node.get("match").asString()).append('\n');
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collect(field.getValue(), scope, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), scope, out);
      }
    }
  }
}
