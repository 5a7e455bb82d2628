package dev.chaos.drivers.k8s;

import dev.chaos.config.ConfigException;
import dev.chaos.config.EnvironmentConfig;
import dev.chaos.config.K8sTarget;
import dev.chaos.config.KubeChoice;
import dev.chaos.config.KubeConventions;
import dev.chaos.config.KubectlFlags;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.LiveSetup;
import dev.chaos.spi.Redactor;
import dev.chaos.spi.RunLock;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * `k8s` on the environment's clusters (its `kubernetes` section and kubectl's flags). It shares
 * the clients with the drivers that need the same clusters ({@link K8sClients}, used by `argo`)
 * and keeps the runbooks' locks as Leases ({@link RunLock.Store}).
 */
public final class K8sLive implements LiveBinding {
  @Override
  public Optional<String> section() {
    return Optional.of("kubernetes");
  }

  @Override
  public DriverBinder prepare(LiveSetup setup) throws Exception {
    EnvironmentConfig environment = setup.service(EnvironmentConfig.class);
    KubectlFlags flags = setup.service(KubectlFlags.class);
    Redactor redactor = redactor(setup);
    setup.share(K8sClients.class,
        () -> connect(environment.requireKubernetes(), flags, redactor));
    setup.share(RunLock.Store.class, () -> locks(setup, environment));
    return into -> {
      LiveK8sBindings.bind(setup.service(K8sClients.class), into);
      return null;
    };
  }

  /** The run's redactor; one that nothing reads when the backend shares none (tests). */
  private static Redactor redactor(LiveSetup setup) {
    try {
      return setup.service(Redactor.class);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Redactor();
    } catch (Exception e) {
      return new Redactor();
    }
  }

  /** `chaos recover`: the `k8s` inverses rebuilt on the environment's clusters. */
  @Override
  public dev.chaos.spi.Undo recover(dev.chaos.spi.UndoRecipe recipe, LiveSetup setup)
      throws Exception {
    return K8sRecipes.recover(setup.service(K8sClients.class), recipe);
  }

  /** kubectl's rules pick each cluster's kubeconfig and context (see KubeConventions). */
  private static K8sClients connect(K8sTarget target, KubectlFlags flags, Redactor redactor) {
    Map<String, String> variables = System.getenv();
    Path home = Path.of(System.getProperty("user.home"));
    KubeChoice main = KubeConventions.choose(flags.kubeconfig(), flags.context(), target,
        variables, home);
    Map<String, KubeChoice> clusters = new LinkedHashMap<>();
    target.clusters().forEach((name, cluster) -> clusters.put(name,
        KubeConventions.chooseCluster(flags.kubeconfig(), target, cluster, variables, home)));
    // a kubeconfig's token or password must not reach the output if an API proxy echoes it
    return K8sClients.connect(main, clusters, config -> {
      redactor.learnAuthorization(config.getOauthToken() == null ? null
          : "Bearer " + config.getOauthToken());
      if (config.getOauthTokenProvider() != null) {
        redactor.learnAuthorization("Bearer " + config.getOauthTokenProvider().getToken());
      }
      if (config.getPassword() != null) {
        redactor.learn(config.getPassword());
        redactor.learn(config.getUsername() + ":" + config.getPassword());
      }
      redactor.learn(config.getClientKeyData());
    });
  }

  /**
   * Runbook locks as Leases in the environment's cluster; without a `kubernetes` section there
   * is nowhere to keep them, and a runbook with a `lock` is refused rather than run unguarded.
   */
  private static RunLock.Store locks(LiveSetup setup, EnvironmentConfig environment) {
    return new RunLock.Store() {
      @Override
      public RunLock take(String name, RunLock.Holder holder, java.util.function.Consumer<String> lost)
          throws RunLock.Refused, InterruptedException {
        LeaseLocks leases;
        try {
          leases = leases();
        } catch (ConfigException e) {
          throw new RunLock.Refused("locks are kept as Kubernetes Leases: " + e.problem());
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          throw new RunLock.Refused("locks are kept as Kubernetes Leases: " + e.getMessage());
        }
        return leases.take(name, holder, lost);
      }

      @Override
      public java.util.Optional<RunLock.Held> held(String name) throws Exception {
        return leases().held(name);
      }

      @Override
      public java.util.Optional<RunLock.Held> releaseIf(String name,
          java.util.function.Predicate<RunLock.Held> mine) throws Exception {
        return leases().releaseIf(name, mine);
      }

      @Override
      public java.util.List<RunLock.Held> releaseAll() throws Exception {
        return leases().releaseAll();
      }

      private LeaseLocks leases() throws Exception {
        K8sTarget target = environment.requireKubernetes();
        K8sClients clients = setup.service(K8sClients.class);
        return new LeaseLocks(() -> clients.cluster("").client(), target.lockNamespace(),
            java.time.Clock.systemUTC(), target.lockLease());
      }
    };
  }
}
