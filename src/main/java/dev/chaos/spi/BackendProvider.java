package dev.chaos.spi;

/**
 * Opens a {@link Backend}; found with {@link java.util.ServiceLoader} so that `chaos check`
 * never loads one. {@code name()} is "sandbox" for the embedded world, "live" for real
 * infrastructure.
 */
public interface BackendProvider {
  String name();

  /**
   * Opens the backend {@code request} describes; a provider refuses a request of another kind
   * (the sandbox takes a {@link SandboxRequest}) with an {@link IllegalArgumentException}.
   */
  Backend open(BackendRequest request) throws Exception;
}
