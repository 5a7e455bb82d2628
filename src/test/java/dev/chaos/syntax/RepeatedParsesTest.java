package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.source.SourceFile;
import dev.chaos.syntax.ast.Decl;
import dev.chaos.syntax.ast.Member;
import dev.chaos.syntax.ast.Program;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Many parses in a row, and on several threads at once, give every file the same result: no
 * state leaks from one parse into the next. (How fast parsing is gets measured in `bench/`.)
 */
class RepeatedParsesTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));

  /** Every valid program at hand: the contract's examples, the runbooks, the stdlib. */
  private static List<String> texts() {
    List<String> texts = new ArrayList<>();
    examples().forEach(p -> texts.add(read(p)));
    for (String dir : List.of("runbooks", "stdlib")) {
      try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
        files.filter(p -> p.toString().endsWith(".chaos")).sorted().forEach(p -> texts.add(read(p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    texts.add(read(ROOT.resolve("src/test/resources/syntax/everything.chaos")));
    return texts;
  }

  /** The declarations and runbook members with their text: what a variant must keep. */
  private static List<String> outline(Program program) {
    List<String> out = new ArrayList<>();
    program.imports().forEach(i -> out.add("import " + i.span().text()));
    for (Decl d : program.decls()) {
      if (d instanceof Decl.Runbook r) {
        for (Member m : r.members()) {
          out.add(m.kind() + " " + m.span().text());
        }
      } else {
        out.add(d.kind() + " " + d.span().text());
      }
    }
    return out;
  }

  /**
   * Variant {@code i} of a file: shifted down by {@code i % 7} comment lines, its runbook
   * renamed, and one more top-level `let` at the end.
   */
  private static String variant(String text, int i) {
    String shifted = "// variant\n".repeat(i % 7) + text;
    return shifted.replaceFirst("(?m)^runbook \"([^\"]*)\"", "runbook \"$1-" + i + "\"")
        + "\nlet extra_" + i + " = " + i + "\n";
  }

  @Test
  void aThousandVariedFilesParseLikeTheFilesTheyVary() {
    List<String> texts = texts();
    List<List<String>> outlines = new ArrayList<>();
    for (String text : texts) {
      outlines.add(outline(parseClean(text)));
    }
    for (int i = 0; i < 1000; i++) {
      int n = i % texts.size();
      String text = variant(texts.get(n), i);
      ParseResult result = Parser.parse(new SourceFile("variant" + i + ".chaos", text));
      assertThat(result.diagnostics()).as("variant %d", i).isEmpty();
      AstInvariants.check(result, text);
      Program program = result.program();
      Decl last = program.decls().get(program.decls().size() - 1);
      assertThat(last.span().text()).isEqualTo("let extra_" + i + " = " + i);
      List<String> outline = outline(program);
      assertThat(outline.subList(0, outline.size() - 1)).as("variant %d", i).isEqualTo(outlines.get(n));
      for (Decl d : program.decls()) {
        if (d instanceof Decl.Runbook r) {
          assertThat(r.name().text()).endsWith("-" + i);
        }
      }
    }
  }

  @Test
  void parallelParsesAgreeWithSequentialOnes() throws Exception {
    List<String> texts = texts();
    texts.add("runbook \"r\" {\n  gaurd \"g\" every 5s { expect (x + }\n  step \"s\" { f(a b) }\n}\n");
    List<String> expected = new ArrayList<>();
    for (String text : texts) {
      expected.add(Parser.parse(new SourceFile("t", text)).toString());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i % texts.size();
        results.add(pool.submit(() ->
            Parser.parse(new SourceFile("t", texts.get(n))).toString().equals(expected.get(n))));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
