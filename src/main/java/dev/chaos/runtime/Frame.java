package dev.chaos.runtime;

import dev.chaos.check.CheckedProgram;

/**
 * What evaluating a node needs: the checked program whose side tables describe it (a module's,
 * inside its fns and actions), the environment of its block, and the site it runs at.
 */
record Frame(CheckedProgram program, Environment env, Site site) {
  Frame child() {
    return new Frame(program, env.child(), site);
  }

  Frame with(Environment environment) {
    return new Frame(program, environment, site);
  }
}
