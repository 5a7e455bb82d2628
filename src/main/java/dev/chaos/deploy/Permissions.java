package dev.chaos.deploy;

import dev.chaos.check.CallSites;
import dev.chaos.config.EnvClass;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.K8sTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Kubernetes request the runs of some runbooks need, each with the line that needs it:
 * the calls' requests ({@link RequestTable}) and the run's own, its `lock`'s Lease
 * (`LeaseLocks`: get, create and update to take and renew it, delete to give it back) and, in
 * production, the notice of `chaos announce` (a ConfigMap read beside the Lease).
 */
public final class Permissions {
  private final List<Need> needs = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> elsewhere = new ArrayList<>();

  /** The requests the Argo executor of a GameDay's steps makes (emissary, Argo 3.4 and later). */
  static final List<KubeRequest> ARGO_EXECUTOR = List.of(
      new KubeRequest("create", "argoproj.io", "workflowtaskresults", ""),
      new KubeRequest("patch", "argoproj.io", "workflowtaskresults", ""));

  /**
   * Adds what a run of {@code runbook} against {@code environment} needs; a call without a
   * known namespace or kind is a problem, a call to another cluster a note.
   */
  public void add(DeployedRunbook runbook, EnvironmentConfig environment,
      String defaultNamespace) {
    String file = runbook.program().source().path();
    for (CallSites.Site site : CallSites.of(runbook.program())) {
      String function = site.builtin().qualifiedName();
      String cluster = RequestTable.cluster(site);
      if (!cluster.isEmpty()) {
        elsewhere.add(site.where() + ": " + function + " goes to cluster `" + cluster
            + "`, which needs its own ServiceAccount there (not rendered)");
        continue;
      }
      try {
        for (KubeRequest r : RequestTable.requests(site, defaultNamespace)) {
          needs.add(new Need(r, site.where(), function));
        }
      } catch (Underived e) {
        problems.add(e.getMessage());
      }
    }
    environment.kubernetes().ifPresent(k8s -> {
      // every run leaves its record beside the Leases and prunes the old ones (RunRecords)
      for (String verb : List.of("get", "create", "update", "list", "delete")) {
        needs.add(new Need(new KubeRequest(verb, "", "configmaps", k8s.lockNamespace()), file,
            "the run's record, for chaos runs"));
      }
    });
    if (runbook.lock() != null) {
      String ns = environment.kubernetes().map(K8sTarget::lockNamespace)
          .orElse(K8sTarget.DEFAULT_LOCK_NAMESPACE);
      String where = file + ":" + runbook.lockLine();
      for (String verb : List.of("get", "create", "update", "delete")) {
        needs.add(new Need(new KubeRequest(verb, "coordination.k8s.io", "leases", ns), where,
            "lock"));
      }
      if (environment.declaredClass() == EnvClass.PROD) {
        needs.add(new Need(new KubeRequest("get", "", "configmaps", ns), where,
            "production notice (chaos announce)"));
      }
    }
  }

  /** The executor's requests, in {@code namespace}, for a GameDay named {@code gameday}. */
  public void addArgoExecutor(String namespace, String gameday) {
    for (KubeRequest r : ARGO_EXECUTOR) {
      needs.add(new Need(new KubeRequest(r.verb(), r.group(), r.resource(), namespace),
          "WorkflowTemplate " + gameday, "Argo executor"));
    }
  }

  public List<Need> needs() {
    return List.copyOf(needs);
  }

  /** Calls whose requests cannot be known before the run. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Calls to other clusters, which the rendered objects do not cover. */
  public List<String> elsewhere() {
    return List.copyOf(elsewhere);
  }
}
