package dev.chaos.lab;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS for the backup region's demo service: its address in the runbooks is an `https://`
 * one, so the lab serves it with a certificate of the lab's own CA (`scripts/lab` makes both
 * with keytool in target/lab/tls/).
 */
final class DemoTls {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private DemoTls() {}

  static HttpServer server(InetSocketAddress address, Path keyStore) throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      HttpsServer server = HttpsServer.create(address, 64);
      server.setHttpsConfigurator(new HttpsConfigurator(context));
      return server;
    } catch (GeneralSecurityException e) {
      throw new IOException("the key store " + keyStore + " cannot serve TLS: " + e.getMessage(), e);
    }
  }
}
