package dev.chaos.spi;

/**
 * What a driver may need to know of the run it serves: {@code blastRadiusPercent} is null when
 * the runbook declares none; with {@code dryRun} a mutating call must change nothing.
 */
public record RunFacts(String runbook, String environment, Double blastRadiusPercent,
    boolean dryRun) {}
