package dev.chaos.drivers.kube;

/**
 * One choice of pods a chaos object makes: {@code subject} names it ("PodChaos `x`",
 * "NetworkChaos `x` (target)", "Schedule `s` (PodChaos)"), {@code selector} which pods match and
 * {@code mode} how many of them it hits.
 */
public record ChaosSelection(String subject, PodSelector selector, SelectionMode mode) {}
