package dev.chaos.lab;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The seed's `llm-marketplace` as the runbooks see it: the `backend` deployment (5 replicas,
 * pods labelled `app=backend,tier=backend`), the `graphql-gateway` deployment (3 replicas,
 * `app=graphql-gateway`, port 4000), their services, an autoscaling/v2 HPA for each (the
 * gateway's has room to scale up, as `resource-stress` requires), a Started event per pod,
 * and the namespace `chaos-testing` with the service accounts the seed's Argo workflow and
 * Litmus engine name. Every pod is Running and Ready, with no restarts.
 */
final class LlmMarketplaceSeed {
  static final String APP_NAMESPACE = "llm-marketplace";
  static final String CHAOS_NAMESPACE = "chaos-testing";
  /** The HPAs' scale-down stabilization window (spec.behavior): the lab's, short. */
  static final int SCALE_DOWN_WINDOW_SECONDS = 60;

  /** A deployment of the seed: name, replicas, labels of its pods, container port. */
  record Workload(String name, int replicas, Map<String, String> labels, int port, int hpaMin,
      int hpaMax) {}

  static final List<Workload> WORKLOADS = List.of(
      new Workload("backend", 5, labels("app", "backend", "tier", "backend"), 8080, 3, 10),
      new Workload("graphql-gateway", 3, labels("app", "graphql-gateway", "tier", "gateway"), 4000, 3, 10));

  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final KubernetesClient client;
  private final Random random = new Random();
  private final String created = Instant.now().minus(1, ChronoUnit.HOURS)
      .truncatedTo(ChronoUnit.SECONDS).toString();

  /**
   * The backup region's size before a failover (a pilot light): one pod of each deployment and
   * HPAs with a minimum of one; the DR script `failover-to-backup.sh` scales it to the seed's.
   */
  static final int PILOT_LIGHT = 1;

  private final boolean pilotLight;

  LlmMarketplaceSeed(KubernetesClient client) {
    this(client, false);
  }

  /** With {@code pilotLight}, the backup region's seed: every deployment at {@link #PILOT_LIGHT}. */
  LlmMarketplaceSeed(KubernetesClient client, boolean pilotLight) {
    this.client = client;
    this.pilotLight = pilotLight;
  }

  private int replicas(Workload workload) {
    return pilotLight ? PILOT_LIGHT : workload.replicas();
  }

  /** Created last: its presence tells `scripts/lab up` that the seed is complete. */
  static final String SEEDED_MARKER = "lab-seeded";

  void seed() {
    seed(() -> { });
  }

  /** As {@link #seed()}, running {@code more} before the marker that says the seed is complete. */
  void seed(Runnable more) {
    for (String namespace : List.of("default", "kube-system", APP_NAMESPACE, CHAOS_NAMESPACE)) {
      client.namespaces().resource(new NamespaceBuilder()
          .withNewMetadata().withName(namespace).endMetadata()
          .withNewStatus().withPhase("Active").endStatus()
          .build()).create();
    }
    for (String account : List.of("argo-chaos", "litmus-admin")) {
      client.serviceAccounts().inNamespace(CHAOS_NAMESPACE).resource(new ServiceAccountBuilder()
          .withNewMetadata().withName(account).withNamespace(CHAOS_NAMESPACE).endMetadata()
          .build()).create();
    }
    for (Workload workload : WORKLOADS) {
      Deployment deployment = client.apps().deployments().inNamespace(APP_NAMESPACE)
          .resource(deployment(workload)).create();
      String hash = DeploymentController.templateHash(deployment.getSpec().getTemplate());
      client.services().inNamespace(APP_NAMESPACE).resource(new ServiceBuilder()
          .withNewMetadata().withName(workload.name()).withNamespace(APP_NAMESPACE)
          .withLabels(workload.labels()).endMetadata()
          .withNewSpec().withSelector(Map.of("app", workload.labels().get("app")))
          .addNewPort().withName("http").withPort(workload.port())
          .withTargetPort(new IntOrString(workload.port())).endPort()
          .endSpec().build()).create();
      client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(APP_NAMESPACE)
          .resource(hpa(workload)).create();
      for (int i = 0; i < replicas(workload); i++) {
        Pod pod = readyPod(deployment, hash, suffix(workload, i), i);
        client.pods().inNamespace(APP_NAMESPACE).resource(pod).create();
        client.v1().events().inNamespace(APP_NAMESPACE).resource(new EventBuilder()
            .withNewMetadata().withName(pod.getMetadata().getName() + ".started")
            .withNamespace(APP_NAMESPACE).endMetadata()
            .withNewInvolvedObject().withKind("Pod").withName(pod.getMetadata().getName())
            .withNamespace(APP_NAMESPACE).withApiVersion("v1").endInvolvedObject()
            .withReason("Started").withMessage("Started container " + workload.name())
            .withType("Normal").withCount(1).withFirstTimestamp(created).withLastTimestamp(created)
            .withNewSource().withComponent("kubelet").withHost(node(i)).endSource()
            .build()).create();
      }
    }
    more.run();
    client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder()
        .withNewMetadata().withName(SEEDED_MARKER).withNamespace("kube-system").endMetadata()
        .withData(Map.of("seed", "llm-marketplace")).build()).create();
  }

  private Deployment deployment(Workload workload) {
    int replicas = replicas(workload);
    return new DeploymentBuilder()
        .withNewMetadata().withName(workload.name()).withNamespace(APP_NAMESPACE)
        .withLabels(workload.labels()).withGeneration(1L).withCreationTimestamp(created).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().withMatchLabels(Map.of("app", workload.labels().get("app"))).endSelector()
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString("30%")).withMaxSurge(new IntOrString("25%"))
        .endRollingUpdate().endStrategy()
        .withNewTemplate().withNewMetadata().withLabels(workload.labels()).endMetadata()
        .withNewSpec().withContainers(new ContainerBuilder().withName(workload.name())
            .withImage("registry.example/llm-marketplace/" + workload.name() + ":1.0.0")
            .addNewPort().withContainerPort(workload.port()).endPort()
            // requests and limits: the HPA's utilization is relative to the CPU request
            .withNewResources()
            .withRequests(Map.of("cpu", new Quantity("150m"), "memory", new Quantity("256Mi")))
            .withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")))
            .endResources().build())
        .endSpec().endTemplate()
        .endSpec()
        .withNewStatus().withObservedGeneration(1L).withReplicas(replicas)
        .withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
        .addNewCondition().withType("Available").withStatus("True").withReason("MinimumReplicasAvailable")
        .endCondition()
        .addNewCondition().withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable")
        .endCondition()
        .endStatus()
        .build();
  }

  /** A new pod for {@code deployment}, as its ReplicaSet would make it, Ready at once. */
  Pod replacementPod(Deployment deployment, String hash) {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return readyPod(deployment, hash, suffix.toString(), random.nextInt(3));
  }

  private Pod readyPod(Deployment deployment, String hash, String suffix, int index) {
    String owner = deployment.getMetadata().getName() + "-" + hash;
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
    labels.put("pod-template-hash", hash);
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container container : template.getSpec().getContainers()) {
      statuses.add(new ContainerStatusBuilder().withName(container.getName())
          .withImage(container.getImage())
          .withReady(true).withStarted(true).withRestartCount(0)
          .withNewState().withNewRunning().withStartedAt(started).endRunning().endState()
          .build());
    }
    return new PodBuilder()
        .withNewMetadata().withName(owner + "-" + suffix)
        .withNamespace(deployment.getMetadata().getNamespace()).withLabels(labels)
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
        .withName(owner).withController(true).withUid("lab-" + owner).endOwnerReference()
        .endMetadata()
        .withNewSpecLike(template.getSpec()).withNodeName(node(index)).endSpec()
        .withNewStatus().withPhase("Running").withStartTime(started)
        .withPodIP("10.244." + (index % 3) + "." + (10 + random.nextInt(240)))
        .withHostIP("192.168.0." + (10 + index % 3))
        .withConditions(condition("PodScheduled", started), condition("Initialized", started),
            condition("ContainersReady", started), condition("Ready", started))
        .withContainerStatuses(statuses)
        .endStatus()
        .build();
  }

  private HorizontalPodAutoscaler hpa(Workload workload) {
    return new HorizontalPodAutoscalerBuilder()
        .withNewMetadata().withName(workload.name()).withNamespace(APP_NAMESPACE).endMetadata()
        .withNewSpec()
        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
        .withName(workload.name()).endScaleTargetRef()
        .withMinReplicas(pilotLight ? PILOT_LIGHT : workload.hpaMin()).withMaxReplicas(workload.hpaMax())
        .addNewMetric().withType("Resource").withNewResource().withName("cpu")
        .withNewTarget().withType("Utilization").withAverageUtilization(70).endTarget()
        .endResource().endMetric()
        // a minute rather than the default five, so that a lab run waits less for scale-down
        .withNewBehavior().withNewScaleDown().withStabilizationWindowSeconds(SCALE_DOWN_WINDOW_SECONDS)
        .endScaleDown().endBehavior()
        .endSpec()
        .withNewStatus().withCurrentReplicas(replicas(workload))
        .withDesiredReplicas(replicas(workload)).withLastScaleTime(created)
        .addNewCondition().withType("AbleToScale").withStatus("True").withReason("ReadyForNewScale")
        .endCondition()
        .endStatus()
        .build();
  }

  private static PodCondition condition(String type, String since) {
    return new PodConditionBuilder().withType(type).withStatus("True")
        .withLastTransitionTime(since).build();
  }

  private static String node(int index) {
    return "lab-node-" + (index % 3 + 1);
  }

  /** Pod name suffixes like a ReplicaSet's: five characters, stable per workload and index. */
  private static String suffix(Workload workload, int index) {
    Random stable = new Random((workload.name() + "/" + index).hashCode());
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(stable.nextInt(SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }

  private static Map<String, String> labels(String... pairs) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    return labels;
  }
}
