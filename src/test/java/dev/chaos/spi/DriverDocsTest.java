package dev.chaos.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaos.types.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverDocsTest {
  private static final Path DOCS = Path.of("docs", "drivers.md");

  /** Fails when a signature table changed and docs/drivers.md was not regenerated. */
  @Test
  void docsDriversMdIsCurrent() throws IOException {
    String generated = DriverDocs.render(DriverRegistry.load());
    if (Boolean.getBoolean("chaos.regenerate")) {
      Files.createDirectories(DOCS.getParent());
      Files.writeString(DOCS, generated, StandardCharsets.UTF_8);
    }
    String onDisk = Files.exists(DOCS) ? Files.readString(DOCS, StandardCharsets.UTF_8) : "";
    assertThat(onDisk)
        .as("docs/drivers.md is stale; regenerate it with: " + DriverDocs.REGENERATE)
        .isEqualTo(generated);
  }

  private static final Type.Rec POINT = Type.record("Point", "x", Type.INT, "y", Type.INT);

  private static Driver fake(Builtin... builtins) {
    return new Driver() {
      public String namespace() {
        return "geo";
      }

      public String doc() {
        return "Points on a plane.";
      }

      public List<Builtin> builtins() {
        return List.of(builtins);
      }
    };
  }

  private static Builtin builtin(String name, Signature sig, Effect effect, String inverse) {
    return new Builtin("geo", name, sig, effect, inverse, "Does " + name + ".");
  }

  @Test
  void callShapeWritesNamedGroupsOptionalAndVariadicParametersAsTheContractDoes() {
    Signature move = Signature.of(POINT,
        Param.positional("from", POINT, "Start."),
        Param.optionalPositional("label", Type.STRING, "none", "Label."),
        Param.named("dx", Type.INT, "", "Shift."),
        Param.named("to", POINT, "", "Target."),
        Param.named("cluster", Type.STRING, "default", "Where.")).withExactlyOneOf("dx", "to");
    assertThat(DriverDocs.callShape(builtin("move", move, Effect.MUTATE, "moves back")))
        .isEqualTo("geo.move(from, [label], dx: | to:, cluster:) -> Point");

    Signature draw = Signature.of(Type.UNIT,
        Param.positional("first", POINT, "First."),
        Param.positional("rest", POINT, "More.")).withVariadicTail();
    assertThat(DriverDocs.callShape(builtin("draw", draw, Effect.MUTATE, "")))
        .isEqualTo("geo.draw(first, rest...)");
  }

  @Test
  void rendersEffectsUndoDefaultsAndRecordTypes() {
    Signature move = Signature.of(POINT,
        Param.positional("from", POINT, "Start."),
        Param.named("dx", Type.INT, "", "Shift."),
        Param.named("to", POINT, "", "Target.")).withExactlyOneOf("dx", "to");
    Signature norm = Signature.of(Type.FLOAT,
        Param.positional("p", new Type.Union(List.of(POINT, Type.STRING)), "A point."),
        Param.named("scale", Type.FLOAT, "`1.0`", "Factor."));
    Signature erase = Signature.of(Type.UNIT);
    String md = DriverDocs.render(List.of(fake(
        builtin("move", move, Effect.MUTATE, "moves the point back"),
        builtin("norm", norm, Effect.READ, ""),
        builtin("erase", erase, Effect.MUTATE, ""))));

    assertThat(md).contains("| [geo](#geo) | `move`, `norm`, `erase` |");
    assertThat(md).contains("<a id=\"geo.move\"></a>\n\n### `geo.move`\n\n"
        + "`geo.move(from, dx: | to:) -> Point` · **mutate**\n\nDoes move.\n\n"
        + "Undo: moves the point back.\n\n| Parameter");
    assertThat(md).contains("| `dx:` | `Int` | named | *exactly one of* `dx:`, `to:` | Shift. |");
    assertThat(md).contains("| `from` | `Point` | positional | *required* | Start. |");
    // a `|` inside a table cell must be escaped or GitHub splits the cell
    assertThat(md).contains("| `p` | `Point \\| String` | positional | *required* | A point. |");
    assertThat(md).contains("| `scale:` | `Float` | named | `1.0` | Factor. |");
    assertThat(md).contains("`geo.norm(p, scale:) -> Float` · **read**\n\nDoes norm.\n\n| Param");
    assertThat(md).contains("`geo.erase()` · **mutate**\n\nDoes erase.\n\nUndo: *none*.\n\n<a id=\"record-types\">");
    assertThat(md).contains("### `Point`\n\n| Field | Type |\n|---|---|\n| `x` | `Int` |\n");

    Signature draw = Signature.of(Type.UNIT,
        Param.positional("first", POINT, "First."),
        Param.optionalPositional("rest", POINT, "none", "More.")).withVariadicTail();
    String drawn = DriverDocs.render(List.of(fake(builtin("draw", draw, Effect.MUTATE, ""))));
    assertThat(drawn).contains("| `rest` | `Point` | positional, any number | none | More. |");
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(DriverDocs.render(DriverRegistry.load()))
        .isEqualTo(DriverDocs.render(DriverRegistry.load()));
  }
}
