package dev.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the second and third signal say (issue 9): the truth about the run. */
class SignalRepliesTest {
  @Test
  void theSecondSignalDuringAPreconditionDoesNotClaimUndoIsRunning() {
    assertThat(SignalReplies.second("SIGTERM", "preconditions")).isEqualTo("SIGTERM: still"
        + " stopping: waiting for the preconditions in progress to return, then undo runs; a"
        + " third signal exits at once");
    assertThat(SignalReplies.second("SIGINT", "undo")).isEqualTo("SIGINT: undo is running"
        + " (phase undo); a third signal exits without finishing it");
  }

  @Test
  void aThirdSignalThatCutsUndoShortExits5NamingWhatRemains() {
    SignalReplies.Exit exit = SignalReplies.third("SIGTERM", List.of(
        "scale deployment/api back to 3 (inverse of k8s.scale)", "the rollback block"));
    assertThat(exit.code()).isEqualTo(ExitCodes.UNDO_FAILED);
    assertThat(exit.message()).isEqualTo("SIGTERM: exiting at once: undo was cut short, 2 changes"
        + " are left behind:\n  - scale deployment/api back to 3 (inverse of k8s.scale)\n"
        + "  - the rollback block\nthe journal lists them; undo them before the next run");
  }

  @Test
  void aThirdSignalWithNothingToUndoExits130() {
    SignalReplies.Exit exit = SignalReplies.third("SIGINT", List.of());
    assertThat(exit.code()).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(exit.message()).isEqualTo("SIGINT: exiting at once; nothing was left to undo");
  }

  @Test
  void aFileNameThatIsNotUtf8IsSaidToBeSo() {
    RunbookFinder finder = new RunbookFinder();
    finder.add("/tmp/r\uFFFDsum\u00e9-does-not-exist.chaos");
    assertThat(finder.problems()).containsExactly("`/tmp/r\uFFFDsum\u00e9-does-not-exist.chaos`"
        + " cannot be opened: its name is not UTF-8 (shown with `\uFFFD` for the bytes that are"
        + " not); rename the file");
  }
}
