package dev.chaos.lsp;

import java.net.URI;
import java.nio.file.Path;

/**
 * Document URIs and the paths the checker uses. A `file:` URI is its absolute path, so imports
 * resolve beside the file as `chaos check` resolves them; any other URI (an unsaved buffer) is
 * its own path, and imports of stdlib modules then come from the jar.
 */
final class Uris {
  private Uris() {}

  static String path(String uri) {
    try {
      URI parsed = URI.create(uri);
      if ("file".equals(parsed.getScheme())) {
        return Path.of(parsed).toAbsolutePath().normalize().toString();
      }
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      // not a file URI: the URI names the document
    }
    return uri;
  }

  /** The URI of a path the checker gave (an absolute file path, or a URI kept as a path). */
  static String uri(String path) {
    if (path.contains("://") || path.startsWith("untitled:")) {
      return path;
    }
    return Path.of(path).toAbsolutePath().normalize().toUri().toString();
  }

  /** Whether a checker path is a real file (a module bundled in the jar has a relative path). */
  static boolean isFile(String path) {
    return !path.contains(":/") && Path.of(path).isAbsolute();
  }

  /** A stdlib module read from the jar: it has no file an editor could open. */
  static boolean isBundled(String path) {
    return !isFile(path) && !path.contains(":") && path.startsWith("stdlib/");
  }
}
