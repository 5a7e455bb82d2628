package dev.chaos.runtime;

/** The samples of one guard or `throughout` verify, counted by outcome. */
final class ProbeStats {
  private final String name;
  private final String every;
  private int samples;
  private int trues;
  private int falses;
  private int errors;
  private ProbeOutcome last;
  private String lastDetail;
  private String firstProblem;
  private boolean tripped;

  ProbeStats(String name, String every) {
    this.name = name;
    this.every = every;
  }

  String name() {
    return name;
  }

  synchronized void add(Sample s) {
    samples++;
    last = s.outcome();
    lastDetail = s.detail();
    switch (s.outcome()) {
      case TRUE -> trues++;
      case FALSE -> falses++;
      case ERROR -> errors++;
      default -> throw new IllegalStateException();
    }
    if (s.outcome() != ProbeOutcome.TRUE && firstProblem == null) {
      firstProblem = s.message();
    }
  }

  synchronized void tripped() {
    tripped = true;
  }

  /** Held on every sample: never false, never an error. */
  synchronized boolean clean() {
    return falses == 0 && errors == 0;
  }

  synchronized RunResult.ProbeSummary summary() {
    return new RunResult.ProbeSummary(name, every, samples, trues, falses, errors, last,
        lastDetail, firstProblem, tripped);
  }
}
