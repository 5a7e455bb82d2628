package dev.chaos.diag;

import dev.chaos.source.SourceFile;
import java.util.List;

/** Turns the diagnostics of one `chaos check` run into one output format. */
public interface Renderer {
  /**
   * @param diagnostics sorted, as {@link Diagnostics#sorted()} returns them
   * @param files every file that was checked, in order, including clean ones
   * @return the whole output, ending with a line break unless empty
   */
  String render(List<Diagnostic> diagnostics, List<SourceFile> files);
}
