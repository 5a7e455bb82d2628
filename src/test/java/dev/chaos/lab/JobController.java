package dev.chaos.lab;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A minimal Job controller and kubelet for the lab's API, which has neither: a simulation, so
 * that a Job `chaos deploy` renders is seen running. Once a second it lists the Jobs of the
 * namespaces labelled {@code lab.chaos.dev/kubelet=run} (other tests' Jobs stay inert, as before:
 * a deployed scenario runbook must not run by surprise), and for each new Job:
 *
 * <ul>
 *   <li>creates its Pod (labels {@code job-name} and {@code controller-uid}, as
 *       {@code batch.kubernetes.io/...} too, the template's labels, an owner reference to the
 *       Job, the folder and log as annotations {@code lab.chaos.dev/root} and {@code /log}) and
 *       sets the Job's {@code startTime} and {@code active};</li>
 *   <li>runs the template's single container as a local process: the image's entrypoint
 *       {@code chaos} is this repository's {@code bin/chaos} (the container's {@code command},
 *       if any, must name {@code chaos}), with its {@code args} and {@code env} and the pod's
 *       environment ({@code KUBERNETES_SERVICE_HOST/PORT} at this API,
 *       {@code CHAOS_SERVICEACCOUNT_DIR}, {@code CHAOS_KUBERNETES_SCHEME=http}, {@code HOSTNAME},
 *       a home of its own); its file system is a folder per pod ({@link PodFolder}), its output
 *       the pod's log file;</li>
 *   <li>writes the outcome as Kubernetes does: the Pod {@code Succeeded} or {@code Failed} with
 *       the container's exit code; the Job {@code succeeded: 1} and condition {@code Complete}
 *       with a {@code completionTime}, or {@code failed: 1} and condition {@code Failed}, reason
 *       {@code BackoffLimitExceeded} (no retry: the lab treats every {@code backoffLimit} as
 *       0) or {@code DeadlineExceeded} once {@code activeDeadlineSeconds} have passed since the
 *       start, when the process gets TERM and, after {@code terminationGracePeriodSeconds},
 *       KILL.</li>
 * </ul>
 *
 * A deleted Job's pod is stopped the same way and deleted, as the garbage collector would.
 *
 * <p>What it does not do: no image (the host's {@code bin/chaos} and JVM run, whatever the
 * image holds), no isolation (the process sees the host's file system, network and processes;
 * only paths under a mount are redirected), no resource limits, no security context, no RBAC
 * (the lab's API ignores the token), one pod per Job ({@code completions}, {@code parallelism}
 * and retries are ignored), no CronJob schedule, no init or sidecar containers, no probes, and
 * the 1.31 interim conditions ({@code SuccessCriteriaMet}, {@code FailureTarget}) are not
 * written. State is in memory: a Job running when the API stops is killed with it.
 */
final class JobController implements AutoCloseable {
  static final String KUBELET_LABEL = "lab.chaos.dev/kubelet";
  static final String ROOT_ANNOTATION = "lab.chaos.dev/root";
  static final String LOG_ANNOTATION = "lab.chaos.dev/log";
  private static final Duration PERIOD = Duration.ofSeconds(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private enum State { WAITING, RUNNING, DONE }

  /** One Job's pod, from creation to its end. */
  private static final class Run {
    final String namespace;
    final String job;
    final String uid;
    final String pod;
    final PodFolder folder;
    final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final Long deadlineSeconds;
    final long graceSeconds;
    volatile State state = State.WAITING;
    volatile Process process;
    volatile String waitingFor = "";
    volatile boolean deleted;

    Run(Job job, String pod, PodFolder folder) {
      this.namespace = job.getMetadata().getNamespace();
      this.job = job.getMetadata().getName();
      this.uid = job.getMetadata().getUid();
      this.pod = pod;
      this.folder = folder;
      this.deadlineSeconds = job.getSpec().getActiveDeadlineSeconds();
      this.graceSeconds = Objects.requireNonNullElse(
          job.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds(), 30L);
    }

    boolean pastDeadline() {
      return deadlineSeconds != null
          && Instant.now().isAfter(started.plusSeconds(deadlineSeconds));
    }
  }

  private final KubernetesClient client;
  private final Path chaos;
  private final Path pods;
  private final Path caCert;
  private final int apiPort;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "lab-job-controller");
    thread.setDaemon(true);
    return thread;
  });
  private final ExecutorService containers = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "lab-job-pod");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * {@code chaos}: the image's entrypoint ({@code bin/chaos}); {@code pods}: where pod folders
   * go; {@code caCert}: the service account's {@code ca.crt} (may be absent); {@code apiPort}:
   * this API's port on 127.0.0.1.
   */
  JobController(KubernetesClient client, Path chaos, Path pods, Path caCert, int apiPort) {
    this.client = client;
    this.chaos = chaos;
    this.pods = pods;
    this.caCert = caCert;
    this.apiPort = apiPort;
  }

  void start() {
    loop.scheduleWithFixedDelay(this::reconcileAll, PERIOD.toMillis(), PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void reconcileAll() {
    try {
      Set<String> present = new HashSet<>();
      // one request a round while no namespace asks for a kubelet: the mock answers serially
      for (Namespace namespace : client.namespaces().withLabel(KUBELET_LABEL, "run").list()
          .getItems()) {
        for (Job job : client.batch().v1().jobs().inNamespace(namespace.getMetadata().getName())
            .list().getItems()) {
          present.add(job.getMetadata().getUid());
          reconcile(job);
        }
      }
      for (Run run : List.copyOf(runs.values())) {
        if (!present.contains(run.uid)) {
          gone(run);
        }
      }
    } catch (KubernetesClientException | IllegalStateException | IOException e) {
      // The next round tries again; a lab controller must not die on one failed call.
      System.err.println("kube: job controller: " + e.getMessage());
    }
  }

  private void reconcile(Job job) throws IOException {
    Run run = runs.get(job.getMetadata().getUid());
    if (run == null) {
      boolean started = job.getStatus() != null && job.getStatus().getStartTime() != null;
      if (started || Boolean.TRUE.equals(job.getSpec().getSuspend())) {
        return; // seen by an earlier controller, or not to start yet
      }
      run = create(job);
    }
    if (run.state == State.WAITING) {
      if (run.pastDeadline()) {
        finish(run, "DeadlineExceeded");
      } else {
        tryStart(run, job);
      }
    }
  }

  /** The Job's pod, Pending, and the Job's start. */
  private Run create(Job job) {
    String name = job.getMetadata().getName() + "-" + suffix();
    String namespace = job.getMetadata().getNamespace();
    Run run = new Run(job, name, new PodFolder(pods.resolve(namespace).resolve(name)));
    Map<String, String> labels = new LinkedHashMap<>();
    if (job.getSpec().getTemplate().getMetadata() != null
        && job.getSpec().getTemplate().getMetadata().getLabels() != null) {
      labels.putAll(job.getSpec().getTemplate().getMetadata().getLabels());
    }
    labels.put("job-name", run.job);
    labels.put("controller-uid", run.uid);
    labels.put("batch.kubernetes.io/job-name", run.job);
    labels.put("batch.kubernetes.io/controller-uid", run.uid);
    PodSpec spec = Serialization.clone(job.getSpec().getTemplate().getSpec());
    spec.setNodeName("lab-node");
    spec.setHostname(name);
    Pod pod = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
        .withAnnotations(Map.of(ROOT_ANNOTATION, run.folder.root().toString(),
            LOG_ANNOTATION, run.folder.log().toString()))
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1")
            .withKind("Job").withName(run.job).withUid(run.uid).withController(true)
            .withBlockOwnerDeletion(true).build())
        .endMetadata()
        .withSpec(spec)
        .withStatus(new PodStatusBuilder().withPhase("Pending").withStartTime(time(run.started))
            .build())
        .build();
    client.pods().inNamespace(namespace).resource(pod).create();
    runs.put(run.uid, run);
    jobStatus(run, status -> new JobStatusBuilder(status).withStartTime(time(run.started))
        .withActive(1).withReady(0).build());
    return run;
  }

  /** Materialises the pod's folder and starts its process; waits while a volume or key is missing. */
  private void tryStart(Run run, Job job) throws IOException {
    PodSpec spec = job.getSpec().getTemplate().getSpec();
    List<Container> images = spec.getContainers();
    Process process;
    try {
      if (images.size() != 1) {
        throw new PodFolder.NotReady("CreateContainerConfigError",
            "the lab runs pods of one container, this has " + images.size());
      }
      Container container = images.get(0);
      run.folder.materialise(client, run.namespace, spec, container, caCert);
      ProcessBuilder builder = new ProcessBuilder(command(run.folder, container))
          .directory(run.folder.workingDirectory(container).toFile())
          .redirectErrorStream(true)
          .redirectOutput(run.folder.log().toFile());
      environment(builder.environment(), run, spec, container);
      process = builder.start();
    } catch (PodFolder.NotReady e) {
      if (!e.getMessage().equals(run.waitingFor)) {
        run.waitingFor = e.getMessage();
        System.err.println("kube: job controller: pod " + run.namespace + "/" + run.pod
            + " waits: " + e.getMessage());
        podStatus(run, status -> new PodStatusBuilder(status).withContainerStatuses(
            new ContainerStatusBuilder().withName(images.isEmpty() ? "" : images.get(0).getName())
                .withImage(images.isEmpty() ? "" : images.get(0).getImage())
                .withReady(false).withRestartCount(0)
                .withState(new ContainerStateBuilder().withNewWaiting()
                    .withReason(e.reason()).withMessage(e.getMessage()).endWaiting().build())
                .build()).build());
      }
      return;
    }
    run.process = process;
    run.state = State.RUNNING;
    Container container = images.get(0);
    String startedAt = time(Instant.now());
    podStatus(run, status -> new PodStatusBuilder(status).withPhase("Running")
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True")
            .withLastTransitionTime(startedAt).build())
        .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
            .withImage(container.getImage()).withReady(true).withStarted(true).withRestartCount(0)
            .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(startedAt)
                .endRunning().build())
            .build())
        .build());
    jobStatus(run, status -> new JobStatusBuilder(status).withReady(1).build());
    containers.submit(() -> await(run, container, startedAt));
  }

  /** The image's entrypoint with the container's arguments, paths under a mount rewritten. */
  private List<String> command(PodFolder folder, Container container) throws PodFolder.NotReady {
    List<String> command = new ArrayList<>();
    List<String> given = new ArrayList<>(container.getCommand());
    if (!given.isEmpty()) {
      String entry = given.remove(0);
      if (!Path.of(entry).getFileName().toString().equals("chaos")) {
        throw new PodFolder.NotReady("CreateContainerError",
            "the lab runs only the chaos image's entrypoint `chaos`, not `" + entry + "`");
      }
    }
    command.add(chaos.toString());
    given.forEach(a -> command.add(folder.rewrite(a)));
    container.getArgs().forEach(a -> command.add(folder.rewrite(a)));
    return command;
  }

  /** A pod's environment: the image's few variables, the cluster's, the container's `env`. */
  private void environment(Map<String, String> env, Run run, PodSpec spec, Container container)
      throws PodFolder.NotReady {
    Map<String, String> host = Map.copyOf(env);
    env.clear();
    // what the image provides: a PATH and a JVM (here the host's), a home of its own
    for (String kept : List.of("PATH", "JAVA_HOME", "CHAOS_JAVA", "LANG")) {
      if (host.containsKey(kept)) {
        env.put(kept, host.get(kept));
      }
    }
    env.put("HOME", run.folder.home().toString());
    env.put("HOSTNAME", run.pod);
    env.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
    env.put("KUBERNETES_SERVICE_PORT", Integer.toString(apiPort));
    env.put("CHAOS_SERVICEACCOUNT_DIR", run.folder.serviceAccount().toString());
    env.put("CHAOS_KUBERNETES_SCHEME", "http"); // the lab's API speaks plain HTTP
    env.putAll(run.folder.environment(client, run.namespace, run.pod, spec, container));
    // the JVM takes its home from the user database, not HOME; /tmp is the pod's when mounted
    String jvm = "-Duser.home=" + run.folder.home()
        + run.folder.mountedAt("/tmp").map(t -> " -Djava.io.tmpdir=" + t).orElse("");
    env.merge("JAVA_OPTS", jvm, (given, ours) -> ours + " " + given);
  }

  /** Waits for the process or its deadline, then writes the outcome. */
  private void await(Run run, Container container, String startedAt) {
    try {
      Process process = run.process;
      boolean exited;
      if (run.deadlineSeconds == null) {
        process.waitFor();
        exited = true;
      } else {
        long left = Duration.between(Instant.now(), run.started.plusSeconds(run.deadlineSeconds))
            .toMillis();
        exited = process.waitFor(Math.max(0, left), TimeUnit.MILLISECONDS);
      }
      if (run.deleted) {
        return; // gone() stops it and deletes the pod
      }
      if (!exited) {
        stop(run);
        finish(run, container, "DeadlineExceeded", startedAt);
      } else {
        finish(run, container, process.exitValue() == 0 ? null : "BackoffLimitExceeded",
            startedAt);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      System.err.println("kube: job controller: pod " + run.namespace + "/" + run.pod + ": " + e);
    }
  }

  /** TERM to the process and its children, KILL after the grace period, as kubelet stops a pod. */
  private static void stop(Run run) throws InterruptedException {
    Process process = run.process;
    if (process == null) {
      return;
    }
    // bin/chaos may run the JVM as its child: the whole tree gets the signal
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(run.graceSeconds);
    for (ProcessHandle handle : tree) {
      long left = until - System.nanoTime();
      try {
        if (left > 0) {
          handle.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // killed below
      }
      handle.destroyForcibly();
    }
    process.waitFor();
  }

  private void finish(Run run, String reason) {
    finish(run, null, reason, null);
  }

  /**
   * The Pod's and the Job's end: {@code reason} null for success, else the Job's Failed reason.
   * {@code container} is null when the container never started.
   */
  private void finish(Run run, Container container, String reason, String startedAt) {
    run.state = State.DONE;
    String now = time(Instant.now());
    Process process = run.process;
    Integer exit = process == null ? null : process.exitValue();
    PodStatus terminated = new PodStatusBuilder()
        .withPhase(reason == null ? "Succeeded" : "Failed")
        .withReason("DeadlineExceeded".equals(reason) ? "DeadlineExceeded" : null)
        .withStartTime(time(run.started))
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("False")
            .withReason(reason == null ? "PodCompleted" : "PodFailed").withLastTransitionTime(now)
            .build())
        .build();
    if (container != null && exit != null) {
      terminated.setContainerStatuses(List.of(new ContainerStatusBuilder()
          .withName(container.getName()).withImage(container.getImage()).withReady(false)
          .withStarted(false).withRestartCount(0)
          .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exit)
              .withReason(exit == 0 ? "Completed" : "Error").withStartedAt(startedAt)
              .withFinishedAt(now).endTerminated().build())
          .build()));
    }
    podStatus(run, status -> terminated);
    jobStatus(run, status -> {
      JobStatusBuilder done = new JobStatusBuilder(status).withActive(null).withReady(0);
      if (reason == null) {
        return done.withSucceeded(1).withCompletionTime(now)
            .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True")
                .withReason("CompletionsReached")
                .withMessage("Reached expected number of succeeded pods")
                .withLastProbeTime(now).withLastTransitionTime(now).build())
            .build();
      }
      return done.withFailed(1)
          .withConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
              .withReason(reason)
              .withMessage("DeadlineExceeded".equals(reason)
                  ? "Job was active longer than specified deadline"
                  : "Job has reached the specified backoff limit")
              .withLastProbeTime(now).withLastTransitionTime(now).build())
          .build();
    });
    System.err.println("kube: job controller: job " + run.namespace + "/" + run.job + " "
        + (reason == null ? "complete" : "failed (" + reason + ")")
        + (exit == null ? "" : ", exit " + exit));
  }

  /** The Job is gone: its pod is stopped and deleted, as the garbage collector would. */
  private void gone(Run run) {
    runs.remove(run.uid);
    run.deleted = true;
    containers.submit(() -> {
      try {
        stop(run);
        client.pods().inNamespace(run.namespace).withName(run.pod).delete();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        System.err.println("kube: job controller: deleting pod " + run.pod + ": " + e);
      }
    });
  }

  private void podStatus(Run run, UnaryOperator<PodStatus> change) {
    for (int attempt = 0; attempt < 3; attempt++) {
      Pod pod = client.pods().inNamespace(run.namespace).withName(run.pod).get();
      if (pod == null) {
        return;
      }
      pod.setStatus(change.apply(pod.getStatus() == null ? new PodStatus() : pod.getStatus()));
      try {
        client.pods().inNamespace(run.namespace).resource(pod).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
  }

  private void jobStatus(Run run, UnaryOperator<JobStatus> change) {
    for (int attempt = 0; attempt < 3; attempt++) {
      Job job = client.batch().v1().jobs().inNamespace(run.namespace).withName(run.job).get();
      if (job == null || !run.uid.equals(job.getMetadata().getUid())) {
        return;
      }
      job.setStatus(change.apply(job.getStatus() == null ? new JobStatus() : job.getStatus()));
      try {
        client.batch().v1().jobs().inNamespace(run.namespace).resource(job).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
  }

  /** Five characters as a Job's pods get (no vowels, no confusable digits). */
  private static String suffix() {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return suffix.toString();
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Stops the loop and every running pod (TERM, then KILL after 5 s). */
  @Override
  public void close() {
    loop.shutdownNow();
    for (Run run : runs.values()) {
      Process process = run.process;
      if (process != null && process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
      }
    }
    for (Run run : runs.values()) {
      Process process = run.process;
      try {
        if (process != null && !process.waitFor(5, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    containers.shutdownNow();
  }
}
