package dev.chaos.lsp;

import dev.chaos.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stdlib modules bundled in the jar, as files an editor can open: go to definition of
 * `slo.error_rate` from a runbook with no `stdlib/` beside it lands in a read-only copy of the
 * module's text, written once per server into a temporary directory (as rust-analyzer shows
 * the standard library's sources).
 */
final class BundledSources {
  private static Path dir;

  private BundledSources() {}

  /** The file holding a bundled module's text; null when it cannot be written. */
  static synchronized Path file(SourceFile module) {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("chaos-lsp-");
        dir.toFile().deleteOnExit();
      }
      Path file = dir.resolve(module.path()).normalize();
      if (!file.startsWith(dir)) {
        return null;
      }
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        file.getParent().toFile().deleteOnExit();
        Files.writeString(file, module.text(), StandardCharsets.UTF_8);
        file.toFile().setReadOnly();
        file.toFile().deleteOnExit();
      }
      return file;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The URI an editor opens for a checker path: the file, or the copy of a bundled module. */
  static String uri(SourceFile source) {
    if (!Uris.isBundled(source.path())) {
      return Uris.uri(source.path());
    }
    Path file = file(source);
    return file == null ? null : file.toUri().toString();
  }
}
