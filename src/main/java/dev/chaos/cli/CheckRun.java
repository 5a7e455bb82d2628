package dev.chaos.cli;

import dev.chaos.check.CheckOptions;
import dev.chaos.diag.Code;
import dev.chaos.diag.Diagnostic;
import dev.chaos.diag.Diagnostics;
import dev.chaos.source.SourceFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks the files of one `chaos check`, on one thread or, for many files, on a fixed pool of
 * one thread per processor, and merges the diagnostics so that both give the same report.
 *
 * <p>Why the report does not depend on the threads: each worker has its own checker (a checker
 * is not thread-safe), so each parses and checks the imported modules once for itself, but for
 * the bundled ones, checked once for all ({@link dev.chaos.check.PrecheckedStdlib}). A
 * module's diagnostics go with the first file whose check loads it; on one thread that is the
 * first file, in order, that imports it, and with workers taking files in increasing order, the
 * worker that checks that file cannot have loaded the module before. Later copies are the same
 * diagnostics and are dropped at the merge, which keeps the first of each (code, place,
 * message) in file order. Only an import cycle makes a module's diagnostics depend on which
 * file loaded it first: a parallel run that meets one (CH0102) is done again on one thread.
 */
final class CheckRun {
  /** Below this many files a second thread costs more (its start, its modules) than it saves. */
  static final int PARALLEL_FROM = 64;

  private CheckRun() {}

  /** The diagnostics of {@code files}, sorted as {@link Diagnostics#sorted()} sorts them. */
  static List<Diagnostic> check(CliContext context, CheckOptions options, List<SourceFile> files,
      boolean verbose) {
    int processors = Runtime.getRuntime().availableProcessors();
    // --verbose names each file as it is checked and prints traces: on one thread, in order.
    if (verbose || processors < 2 || files.size() < PARALLEL_FROM) {
      return sequential(context, options, files, verbose);
    }
    return check(context, options, files, processors);
  }

  /** With {@code workers} threads, whatever the number of files (tests compare both ways). */
  static List<Diagnostic> check(CliContext context, CheckOptions options, List<SourceFile> files,
      int workers) {
    List<Diagnostic>[] perFile = parallel(context, options, files, workers);
    for (List<Diagnostic> diagnostics : perFile) {
      for (Diagnostic d : diagnostics) {
        if (d.code() == Code.CH0102) {
          return sequential(context, options, files, false);
        }
      }
    }
    return merge(Arrays.asList(perFile));
  }

  static List<Diagnostic> sequential(CliContext context, CheckOptions options,
      List<SourceFile> files, boolean verbose) {
    SourceChecker checker = context.checkers().apply(options);
    List<List<Diagnostic>> perFile = new ArrayList<>(files.size());
    for (SourceFile file : files) {
      if (verbose) {
        context.err().println("checking " + file.path());
      }
      perFile.add(checkOne(checker, file, verbose ? context : null));
    }
    return merge(perFile);
  }

  @SuppressWarnings("unchecked")
  private static List<Diagnostic>[] parallel(CliContext context, CheckOptions options,
      List<SourceFile> files, int workers) {
    List<Diagnostic>[] perFile = new List[files.size()];
    AtomicInteger next = new AtomicInteger();
    Throwable[] failures = new Throwable[workers];
    Thread[] threads = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      int worker = w;
      threads[w] = new Thread(() -> {
        try {
          SourceChecker checker = context.checkers().apply(options);
          // Increasing order per worker: see the class comment.
          for (int i = next.getAndIncrement(); i < perFile.length; i = next.getAndIncrement()) {
            perFile[i] = checkOne(checker, files.get(i), null);
          }
        } catch (Throwable t) {
          failures[worker] = t;
          // the other workers stop taking files
          next.set(perFile.length);
        }
      }, "chaos-check-" + w);
      threads[w].setDaemon(true);
      threads[w].start();
    }
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (Throwable failure : failures) {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
    }
    return perFile;
  }

  /** One file's diagnostics; {@code verbose} (or null) prints the checker's own failures. */
  private static List<Diagnostic> checkOne(SourceChecker checker, SourceFile file,
      CliContext verbose) {
    Diagnostics sink = new Diagnostics();
    checker.check(file, sink, failure -> {
      if (verbose != null) {
        failure.printStackTrace(verbose.err());
      }
    });
    return sink.sorted();
  }

  /** In file order, the first of each (code, place, message) kept; then sorted. */
  private static List<Diagnostic> merge(List<List<Diagnostic>> perFile) {
    Diagnostics all = new Diagnostics();
    if (perFile.size() == 1) {
      all.addAll(perFile.get(0));
      return all.sorted();
    }
    Set<String> seen = new HashSet<>();
    for (List<Diagnostic> diagnostics : perFile) {
      for (Diagnostic d : diagnostics) {
        if (seen.add(d.code().name() + '\0' + d.span().source().path() + '\0' + d.span().start()
            + '\0' + d.span().end() + '\0' + d.message())) {
          all.add(d);
        }
      }
    }
    return all.sorted();
  }
}
