package dev.chaos.config;

/** The declared class of an environment; `prod` turns on the production rules. */
public enum EnvClass {
  DEV, STAGING, PROD;

  /** As written in the config file and in a runbook's `environment` header. */
  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
