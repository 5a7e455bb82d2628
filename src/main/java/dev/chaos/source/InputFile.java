package dev.chaos.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
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
    if (Files.size(path) > limit) {
      throw new Refused("it is larger than " + size(limit));
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
    return utf8(read(path, limit));
  }

  /** {@code bytes} as strict UTF-8; refused naming the first byte that is not, and its line. */
  public static String utf8(byte[] bytes) throws Refused {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new Refused(String.format("it is not UTF-8 text: byte 0x%02X at offset %d (line %d,"
          + " byte %d of the line) does not belong there; save the file as UTF-8",
          bytes[at] & 0xff, at, line, at - lineStart + 1));
    }
    out.flip();
    return out.toString();
  }

  private static String size(long bytes) {
    return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }
}
