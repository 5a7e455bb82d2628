package dev.chaos.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Builds picocli models in code. Annotations would cost start-up: picocli reads them through
 * reflection and dynamic proxies, measured at 50-75 ms of CPU on a cold JVM.
 */
final class Specs {
  private Specs() {}

  /** A command whose Callable is {@code command}, with a one-line description. */
  static CommandSpec command(String name, Object command, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
    spec.usageMessage().description(description).sortOptions(false).autoWidth(true);
    return spec;
  }

  static OptionSpec flag(String description, String... names) {
    return OptionSpec.builder(names).type(boolean.class).description(description).build();
  }

  static OptionSpec option(Class<?> type, String label, String description, String... names) {
    return OptionSpec.builder(names).type(type).paramLabel(label).description(description).build();
  }

  static OptionSpec help() {
    return OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit")
        .build();
  }

  /** Any number of strings. */
  static PositionalParamSpec strings(String label, String description) {
    return PositionalParamSpec.builder().paramLabel(label).arity("0..*").type(List.class)
        .auxiliaryTypes(String.class).description(description).build();
  }
}
