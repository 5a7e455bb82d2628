package dev.chaos.syntax;

import static dev.chaos.syntax.ParserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.syntax.grammar.ChaosParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DiagnosticErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.junit.jupiter.api.Test;

/** The grammar stays unambiguous: exact ambiguity detection over every valid program we have. */
class AmbiguityTest {
  private static final Path EVERYTHING =
      Path.of(System.getProperty("user.dir")).resolve("src/test/resources/syntax/everything.chaos");

  private static List<String> reports(String text) {
    ChaosParser parser = new ChaosParser(new CommonTokenStream(new ChaosTokenizer(text, "test.chaos")));
    List<String> reports = new ArrayList<>();
    parser.removeErrorListeners();
    parser.addErrorListener(new DiagnosticErrorListener(false));
    parser.addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> recognizer, Object symbol, int line, int column,
          String msg, RecognitionException e) {
        reports.add(line + ":" + column + " " + msg);
      }
    });
    parser.getInterpreter().setPredictionMode(PredictionMode.LL_EXACT_AMBIG_DETECTION);
    parser.program();
    return reports;
  }

  @Test
  void examplesHaveNoAmbiguity() {
    List<String> texts = new ArrayList<>();
    examples().forEach(p -> texts.add(read(p)));
    texts.add(read(EVERYTHING));
    for (String text : texts) {
      assertThat(reports(text)).filteredOn(r -> r.contains("reportAmbiguity")).isEmpty();
      assertThat(reports(text)).filteredOn(r -> !r.contains("report")).isEmpty();
    }
  }

  /** Statements that are any expression, next to lines that continue the one before. */
  @Test
  void expressionStatementsHaveNoAmbiguity() {
    String text = """
        runbook "r" {
          step "s" {
            redis.dbsize() == 0
            x * y + 1
            not a and b or c
            "text" 5s 30% 02:00 true runbook.name
            a < b < c
            let v = x
              - 1
            f(v)
              (2)
            m
              [0]
            x = 1
            if a { b } else { c == d }
            expect a == b else "no"
            wait until ready() every 2s within 30s
          }
        }
        """;
    assertThat(reports(text)).isEmpty();
  }

  @Test
  void theDetectorWouldNoticeAnError() {
    assertThat(reports("let x = ")).isNotEmpty();
  }
}
