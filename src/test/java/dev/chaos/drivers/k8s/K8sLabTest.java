package dev.chaos.drivers.k8s;

import dev.chaos.spi.BuiltinImpl;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of live `k8s` or `argo` functions: each test gets its own API namespace ({@link
 * K8sLab}: the lab's API when `LAB_K8S_URL` is set, else one in process) and the live
 * implementations bound on it.
 */
public abstract class K8sLabTest {
  protected K8sLab lab;
  protected K8sClients clients;
  /** The live `k8s` and `argo` functions, by qualified name. */
  protected Map<String, BuiltinImpl> impls;

  @BeforeEach
  void startLab() throws Exception {
    lab = K8sLab.start();
    clients = K8sClients.of(lab.client, Map.of());
    impls = K8sLab.bindings(clients);
  }

  @AfterEach
  void stopLab() {
    clients.close();
    lab.close();
  }
}
