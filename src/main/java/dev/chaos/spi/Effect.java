package dev.chaos.spi;

/** What a call may do to the world; `mutate` calls are allowed only where undo is possible. */
public enum Effect {
  READ,
  MUTATE
}
