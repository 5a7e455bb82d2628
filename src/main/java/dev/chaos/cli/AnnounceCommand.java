package dev.chaos.cli;

import dev.chaos.check.CheckedProgram;
import dev.chaos.config.ConfigException;
import dev.chaos.config.KubectlFlags;
import dev.chaos.config.LiveRequest;
import dev.chaos.config.NotifyTarget;
import dev.chaos.config.Secrets;
import dev.chaos.drivers.notify.NotifyPost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * `chaos announce FILE --env prod --at TIME`: rule 5 of the seed's production rules, 24 h
 * notice to stakeholders. Posts the notice through the environment's `notify` webhook, then
 * records it in the cluster next to the lock's Lease, where every runner's `chaos exec` looks
 * for it before a production run (see {@link Announcement}).
 */
final class AnnounceCommand implements Callable<Integer> {
  /** How long the webhook may take to accept the notice. */
  private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);

  private final CliContext context;
  private CommandSpec spec;

  private AnnounceCommand(CliContext context) {
    this.context = context;
  }

  static CommandSpec spec(CliContext context) {
    AnnounceCommand command = new AnnounceCommand(context);
    CommandSpec spec = Specs.command("announce", command,
        "Announce a production run at least 24h ahead: post the notice through the "
            + "environment's `notify` webhook and record it in the cluster, next to the lock.",
        "`chaos exec` refuses a production run that was not announced, or that starts "
            + "outside the announced span.");
    spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("1")
        .required(true).type(Path.class).description("The runbook to announce").build());
    spec.addOption(Specs.option(String.class, "NAME",
        "The environment of the config file (default: the runbook's `environment`)", "--env"));
    spec.addOption(Specs.option(String.class, "TIME",
        "When the run starts: 2026-12-05T02:30:00Z, 2026-12-05T03:30+01:00, or "
            + "2026-12-05T02:30 in the zone of the runbook's window", "--at"));
    spec.addOption(Specs.option(Path.class, "FILE",
        "The config file (default: chaos.yaml here; see docs/configuration.md)", "--config"));
    spec.addOption(Specs.option(String.class, "NAME",
        "The kubeconfig context of the environment's cluster (as kubectl's)", "--context"));
    spec.addOption(Specs.option(Path.class, "FILE", "The kubeconfig file (as kubectl's)",
        "--kubeconfig"));
    spec.addOption(Specs.help());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    ParseResult parsed = spec.commandLine().getParseResult();
    Path file = parsed.matchedPositionalValue(0, null);
    String at = parsed.matchedOptionValue("--at", null);
    if (at == null) {
      throw new CommandFailure("`--at TIME` is required: when the announced run starts");
    }
    CheckedProgram program = RunbookCheck.of(context, SourceReader.read(file, file.toString()),
        "announced");
    if (program == null) {
      return ExitCodes.INVALID_INPUT;
    }
    ProdHeader header = ProdHeader.of(program);
    if (header.lock() == null) {
      throw new CommandFailure("`" + file + "` has no literal `lock`: a notice is kept with "
          + "the lock, next to its Lease");
    }
    Path dir = file.toAbsolutePath().getParent();
    Path config = parsed.matchedOptionValue("--config", null);
    KubectlFlags flags = new KubectlFlags(
        Optional.ofNullable(parsed.matchedOptionValue("--kubeconfig", null)),
        Optional.ofNullable(parsed.matchedOptionValue("--context", null)));
    LiveRequest request = LiveTargets.request(config, parsed.matchedOptionValue("--env", null),
        program, dir == null ? Path.of("") : dir, flags, context.drivers().get(),
        context.redactor());
    String env = request.environment().name();
    Instant now = Instant.now();
    Instant start = start(at, header);
    Instant earliest = now.plus(Announcement.NOTICE);
    if (start.isBefore(earliest)) {
      throw new CommandFailure("`--at " + at + "` is " + (start.isBefore(now) ? "in the past"
          : "less than 24h ahead") + ": stakeholders need 24h notice; announce a start at or "
          + "after " + earliest.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    }
    Instant end;
    try {
      end = Announcement.end(header, start);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("cannot announce `" + header.name() + "`: " + e.getMessage());
    }
    Announcement notice = new Announcement(header.name(), env, header.lock(), start, end, now,
        System.getProperty("user.name", "unknown") + "@" + dev.chaos.runtime.HostName.local());
    post(request, notice, program);
    try (ClusterNotices notices = ClusterNotices.open(request.environment(), flags,
        context.env())) {
      notices.write(header.lock(), notice.data());
      context.out().println("announced `" + header.name() + "` in environment `" + env
          + "` from " + start + " to " + end + " (lock `" + header.lock() + "`); the notice "
          + "was sent through `notify` and recorded in " + notices.where(header.lock()));
    } catch (IOException e) {
      throw new CommandFailure("the notice was sent but not recorded, so a run will be "
          + "refused: " + e.getMessage());
    }
    context.out().flush();
    return ExitCodes.OK;
  }

  private void post(LiveRequest request, Announcement notice, CheckedProgram program) {
    NotifyTarget target;
    String token;
    try {
      target = request.environment().requireNotify();
      token = Secrets.system().resolve(target.token());
    } catch (ConfigException e) {
      throw new CommandFailure("the notice goes to stakeholders through `notify`: "
          + e.getMessage());
    }
    String title = program.runbook().orElseThrow().members().stream()
        .filter(m -> m instanceof dev.chaos.syntax.ast.Member.Attribute a
            && a.key().name().equals("title")
            && a.value() instanceof dev.chaos.syntax.ast.Expr.Str s && s.constant() != null)
        .map(m -> ((dev.chaos.syntax.ast.Expr.Str) ((dev.chaos.syntax.ast.Member.Attribute) m)
            .value()).constant())
        .findFirst().orElse(notice.runbook());
    Map<String, String> message = new LinkedHashMap<>();
    message.put("text", "Chaos experiment \"" + title + "\" (runbook " + notice.runbook()
        + ") will run in " + notice.environment() + " between " + notice.start() + " and "
        + notice.end() + " (lock " + notice.lock() + "); announced by " + notice.by());
    message.put("runbook", notice.runbook());
    message.put("environment", notice.environment());
    message.put("start", notice.start().toString());
    message.put("end", notice.end().toString());
    try {
      NotifyPost.post(target.webhook(), token, message, POST_TIMEOUT);
    } catch (IOException e) {
      throw new CommandFailure("the notice was not announced: " + e.getMessage());
    }
  }

  /** An instant with its offset, or a local date-time in the zone of the runbook's window. */
  static Instant start(String text, ProdHeader header) {
    String t = text.strip().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException notWithOffset) {
      try {
        ZoneId zone = header.zone() != null ? header.zone() : ZoneId.of("UTC");
        return LocalDateTime.parse(t).atZone(zone).toInstant();
      } catch (DateTimeException e) {
        throw new CommandFailure("`--at " + text + "` is not a time: write "
            + "2026-12-05T02:30:00Z, 2026-12-05T03:30+01:00, or 2026-12-05T02:30 (in the zone "
            + "of the runbook's window)");
      }
    }
  }

}
