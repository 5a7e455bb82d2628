package dev.chaos.deploy;

/** A request a run will make, and why: the runbook line and the function that makes it. */
public record Need(KubeRequest request, String where, String function) {}
