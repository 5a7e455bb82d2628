package dev.chaos.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ("dev" when run from classes). */
public final class ProjectInfo implements IVersionProvider {
  static String version() {
    String version = ProjectInfo.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"chaos " + version()};
  }
}
