package dev.chaos.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file a user named (a runbook, `chaos.yaml`, a world file, a `file:` secret): only a
 * regular file, and only up to a bound. A FIFO would block the read until killed, and a device
 * such as `/dev/zero` or a huge file would fill the memory; each is refused at once instead,
 * with a message that says why.
 */
public final class InputFile {
  /** Runbooks, configs and world files: far above any real one. */
  public static final long TEXT_LIMIT = 16L << 20;

  /** A secret is a token or a password. */
  public static final long SECRET_LIMIT = 1L << 20;

  private InputFile() {}

  /** Why a file cannot be read, in words to follow "cannot read `FILE`: ". */
  public static final class Refused extends IOException {
    public Refused(String reason) {
      super(reason);
    }
  }

  /** The bytes of {@code path}, at most {@code limit} of them. */
  public static byte[] read(Path path, long limit) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    if (!Files.isRegularFile(path)) {
      throw new Refused(Files.isDirectory(path) ? "it is a directory"
          : "it is not a regular file (a pipe or a device)");
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw new Refused("it is larger than " + size(limit));
      }
      return bytes;
    }
  }

  /** The text of {@code path} as strict UTF-8, at most {@code limit} bytes. */
  public static String readText(Path path, long limit) throws IOException {
    byte[] bytes = read(path, limit);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Refused("it is not UTF-8 text");
    }
  }

  private static String size(long bytes) {
    return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }
}
