package dev.chaos.cli;

import dev.chaos.spi.Redactor;
import java.io.IOException;
import java.io.Writer;

/**
 * A writer that masks known secrets before they reach stdout or stderr: the one exit of the
 * console, so that errors, summaries and views are masked alike. Text is held until a line
 * ends or the writer is flushed, so a secret written in pieces within one line is still
 * masked; one split across a flush is not (the views flush whole lines).
 */
final class RedactingWriter extends Writer {
  private final Writer out;
  private final Redactor redactor;
  private final StringBuilder pending = new StringBuilder();

  RedactingWriter(Writer out, Redactor redactor) {
    super(out);
    this.out = out;
    this.redactor = redactor;
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    synchronized (lock) {
      int start = offset;
      int end = offset + length;
      for (int i = offset; i < end; i++) {
        if (chars[i] == '\n') {
          pending.append(chars, start, i + 1 - start);
          start = i + 1;
          emit();
        }
      }
      pending.append(chars, start, end - start);
    }
  }

  @Override
  public void flush() throws IOException {
    synchronized (lock) {
      emit();
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      emit();
      out.close();
    }
  }

  private void emit() throws IOException {
    if (pending.length() > 0) {
      out.write(redactor.redact(pending.toString()));
      pending.setLength(0);
    }
  }
}
