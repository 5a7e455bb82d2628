package dev.chaos.cli;

import dev.chaos.source.InputFile;
import dev.chaos.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a runbook as strict UTF-8. A binary file or bytes that are not UTF-8 are refused with the
 * place of the first bad byte, rather than checked as replacement characters.
 */
final class SourceReader {
  private SourceReader() {}

  /** @throws CommandFailure naming the file and what is wrong with it */
  static SourceFile read(Path path, String shown) {
    byte[] bytes;
    try {
      bytes = InputFile.read(path, InputFile.TEXT_LIMIT);
    } catch (IOException e) {
      throw new CommandFailure("cannot read `" + shown + "`: " + CommandFailure.reason(e));
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new CommandFailure("`" + shown + "` is a binary file, not a runbook (NUL byte at "
            + place(bytes, i) + ")");
      }
    }
    String text = decode(bytes, shown);
    // A byte-order mark is invisible in editors; dropping it keeps columns as editors count them.
    return new SourceFile(shown, text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  private static String decode(byte[] bytes, String shown) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      throw new CommandFailure(String.format("`%s` is not valid UTF-8 (byte 0x%02X at %s)", shown,
          bytes[at] & 0xFF, place(bytes, at)));
    }
    return out.flip().toString();
  }

  /** "byte offset 130, line 4": the offset counts from 0, the line from 1. */
  private static String place(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return "byte offset " + offset + ", line " + line;
  }
}
