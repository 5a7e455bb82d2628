package dev.chaos.lsp;

import dev.chaos.spi.DriverRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * `chaos lsp`: the language server on a pair of streams (stdin and stdout). Returns the exit
 * code once the client sends `exit` (0 after `shutdown`) or closes the input (1, as a client
 * that vanished without `shutdown`).
 */
public final class LspServer {
  private LspServer() {}

  public static int run(InputStream in, OutputStream out, DriverRegistry drivers) {
    // stdout carries the protocol: anything else printed there would corrupt it
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      ChaosLanguageServer server = new ChaosLanguageServer(drivers);
      Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
      server.connect(launcher.getRemoteProxy());
      Future<Void> listening = launcher.startListening();
      CompletableFuture<Object> inputClosed = CompletableFuture.supplyAsync(() -> {
        try {
          return listening.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        } catch (ExecutionException e) {
          return null;
        }
      });
      Object first = CompletableFuture.anyOf(server.exitCode(), inputClosed).join();
      return first instanceof Integer code ? code : server.exitCode().getNow(1);
    } finally {
      System.setOut(stdout);
    }
  }
}
