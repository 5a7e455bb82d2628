package dev.chaos.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shell the CI files write is split into the commands and words a shell would see. */
class ShellCommandsTest {
  @Test
  void quotesContinuationsAndGithubExpressionsMakeOneWordEach() {
    List<ShellCommands.Invocation> found = ShellCommands.chaosInvocations("""
        ci/chaos-outcome.sh exec --env "$CHAOS_ENV" \\
          --journal '${{ env.RUN_DIR }}/j.jsonl' ${{ inputs.runbook || 'a b.chaos' }}
        """);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).program()).isEqualTo("ci/chaos-outcome.sh");
    assertThat(found.get(0).args()).containsExactly("exec", "--env", "$CHAOS_ENV", "--journal",
        "${{ env.RUN_DIR }}/j.jsonl", "${{ inputs.runbook || 'a b.chaos' }}");
  }

  @Test
  void assignmentsRedirectionsAndSeparatorsAreNotArguments() {
    List<ShellCommands.Invocation> found = ShellCommands.chaosInvocations(
        "cd x && CHAOS_OK_OUTCOMES=ok bin/chaos check runbooks/ 2>err >> out; chaos fmt --check | tee f\n"
            + "# chaos exec commented.chaos\n"
            + "echo \"chaos recover a\" && gh issue create --body \"run chaos exec b\"");
    assertThat(found).extracting(ShellCommands.Invocation::args).containsExactly(
        List.of("check", "runbooks/"), List.of("fmt", "--check"));
    assertThat(found.get(0).assignments()).isEqualTo(Map.of("CHAOS_OK_OUTCOMES", "ok"));
    assertThat(found.get(1).program()).isEqualTo("chaos");
  }
}
