package dev.chaos.drivers.kube;

/** The operators of a label-selector requirement, as kubectl spells them. */
public enum SelectorOperator {
  EQUALS("="),
  DOUBLE_EQUALS("=="),
  NOT_EQUALS("!="),
  IN("in"),
  NOT_IN("notin"),
  EXISTS(""),
  DOES_NOT_EXIST("!"),
  GREATER_THAN(">"),
  LESS_THAN("<");

  private final String symbol;

  SelectorOperator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
