package dev.chaos.cli;

import dev.chaos.diag.GithubRenderer;
import dev.chaos.diag.JsonRenderer;
import dev.chaos.diag.JunitRenderer;
import dev.chaos.diag.Renderer;
import dev.chaos.diag.SarifRenderer;
import dev.chaos.diag.TextRenderer;

/** `--format`; each renderer is created only when chosen, so text output never loads Jackson. */
enum OutputFormat {
  TEXT, JSON, SARIF, GITHUB, JUNIT;

  Renderer renderer(boolean color) {
    return switch (this) {
      case TEXT -> new TextRenderer(color);
      case JSON -> new JsonRenderer();
      case SARIF ->
          new SarifRenderer(ProjectInfo.version());
      case GITHUB -> new GithubRenderer();
      case JUNIT -> new JunitRenderer();
    };
  }
}
