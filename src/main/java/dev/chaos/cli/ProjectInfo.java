package dev.chaos.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ("dev" when run from classes); where the project lives. */
public final class ProjectInfo implements IVersionProvider {
  /** The project's home page, for SARIF's informationUri. */
  static final String HOME = "https://github.com/chaos-runbooks/chaos";
  /** docs/diagnostics.md; each SARIF rule links to its code's anchor there. */
  static final String DIAGNOSTICS_DOC = HOME + "/blob/main/docs/diagnostics.md";

  static String version() {
    String version = ProjectInfo.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"chaos " + version()};
  }
}
