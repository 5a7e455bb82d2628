package dev.chaos.drivers.argo;

import dev.chaos.drivers.k8s.K8sClients;
import dev.chaos.spi.DriverBinder;
import dev.chaos.spi.LiveBinding;
import dev.chaos.spi.LiveSetup;
import java.util.Optional;

/** `argo` on the clusters of `k8s`: it has no section and uses the clients `k8s` shares. */
public final class ArgoLive implements LiveBinding {
  @Override
  public Optional<String> section() {
    return Optional.empty();
  }

  @Override
  public dev.chaos.spi.Undo recover(dev.chaos.spi.UndoRecipe recipe, LiveSetup setup)
      throws Exception {
    return LiveArgoBindings.recover(setup.service(K8sClients.class), recipe);
  }

  @Override
  public DriverBinder prepare(LiveSetup setup) {
    return into -> {
      LiveArgoBindings.bind(setup.service(K8sClients.class), into);
      return null;
    };
  }
}
