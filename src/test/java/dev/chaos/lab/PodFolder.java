package dev.chaos.lab;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One lab pod's file system and environment, simulated by a folder ({@link JobController}):
 * each volume is a folder under {@code volumes/} (a ConfigMap's or Secret's keys written as
 * files, {@code items} honoured; any other volume empty), the service account's {@code token},
 * {@code namespace} and {@code ca.crt} under {@code serviceaccount/}, the image's home under
 * {@code home/}, and the container's output in {@code container.log}. A path of the container
 * (an argument, an env value, the working directory) that starts with a mount path is
 * rewritten to the mount's folder; nothing else is: the process sees the host's file system.
 *
 * <p>Not simulated: the kubelet's {@code ..data} symlink layout and its updates of a mounted
 * ConfigMap, {@code defaultMode}, projected service-account tokens and downward API files,
 * {@code envFrom}, {@code $(VAR)} expansion.
 */
final class PodFolder {
  /** Why the container cannot start yet (a missing ConfigMap, Secret or key), as kubelet says. */
  static final class NotReady extends Exception {
    private final String reason;

    NotReady(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  private final Path root;
  /** Mount path to folder, longest mount path first, so that a nested mount wins. */
  private final List<Map.Entry<String, Path>> mounts = new ArrayList<>();

  PodFolder(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Path log() {
    return root.resolve("container.log");
  }

  Path serviceAccount() {
    return root.resolve("serviceaccount");
  }

  Path home() {
    return root.resolve("home");
  }

  /**
   * Writes the pod's volumes, service account and home, and maps the container's mounts.
   * Missing ConfigMaps or Secrets (not optional) leave the pod waiting, as kubelet's mount does.
   */
  void materialise(KubernetesClient client, String namespace, PodSpec spec, Container container,
      Path caCert) throws NotReady, IOException {
    Files.createDirectories(home());
    Files.createDirectories(serviceAccount());
    // the lab's API ignores tokens; the file must exist for a client to see a pod
    Files.writeString(serviceAccount().resolve("token"), "lab-token-of-"
        + Objects.requireNonNullElse(spec.getServiceAccountName(), "default"));
    Files.writeString(serviceAccount().resolve("namespace"), namespace);
    if (caCert != null && Files.isRegularFile(caCert)) {
      Files.copy(caCert, serviceAccount().resolve("ca.crt"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Map<String, Path> volumes = new HashMap<>();
    for (Volume volume : spec.getVolumes()) {
      Path folder = root.resolve("volumes").resolve(volume.getName());
      Files.createDirectories(folder);
      write(client, namespace, volume, folder);
      volumes.put(volume.getName(), folder);
    }
    mounts.clear();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Path folder = volumes.get(mount.getName());
      if (folder == null) {
        throw new NotReady("CreateContainerConfigError",
            "volume `" + mount.getName() + "` of a mount is not in the pod");
      }
      if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
        folder = inside(folder, mount.getSubPath());
      }
      mounts.add(Map.entry(trimmed(mount.getMountPath()), folder));
    }
    mounts.sort(Comparator.comparingInt((Map.Entry<String, Path> m) -> m.getKey().length())
        .reversed());
  }

  private static String trimmed(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** A ConfigMap's or Secret's keys as files; projected sources in turn; else an empty folder. */
  private static void write(KubernetesClient client, String namespace, Volume volume, Path folder)
      throws NotReady, IOException {
    if (volume.getConfigMap() != null) {
      var source = volume.getConfigMap();
      writeConfigMap(client, namespace, source.getName(), source.getItems(),
          Boolean.TRUE.equals(source.getOptional()), folder);
    } else if (volume.getSecret() != null) {
      var source = volume.getSecret();
      writeSecret(client, namespace, source.getSecretName(), source.getItems(),
          Boolean.TRUE.equals(source.getOptional()), folder);
    } else if (volume.getProjected() != null) {
      for (VolumeProjection source : volume.getProjected().getSources()) {
        if (source.getConfigMap() != null) {
          writeConfigMap(client, namespace, source.getConfigMap().getName(),
              source.getConfigMap().getItems(),
              Boolean.TRUE.equals(source.getConfigMap().getOptional()), folder);
        } else if (source.getSecret() != null) {
          writeSecret(client, namespace, source.getSecret().getName(),
              source.getSecret().getItems(), Boolean.TRUE.equals(source.getSecret().getOptional()),
              folder);
        }
      }
    }
  }

  private static void writeConfigMap(KubernetesClient client, String namespace, String name,
      List<KeyToPath> items, boolean optional, Path folder) throws NotReady, IOException {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    if (map == null) {
      if (optional) {
        return;
      }
      throw new NotReady("ContainerCreating", "configmap \"" + name + "\" not found");
    }
    Map<String, byte[]> keys = new LinkedHashMap<>();
    Objects.requireNonNullElse(map.getData(), Map.<String, String>of())
        .forEach((k, v) -> keys.put(k, v.getBytes(StandardCharsets.UTF_8)));
    Objects.requireNonNullElse(map.getBinaryData(), Map.<String, String>of())
        .forEach((k, v) -> keys.put(k, Base64.getDecoder().decode(v)));
    writeKeys("configmap", name, keys, items, optional, folder);
  }

  private static void writeSecret(KubernetesClient client, String namespace, String name,
      List<KeyToPath> items, boolean optional, Path folder) throws NotReady, IOException {
    Map<String, byte[]> keys = secretKeys(client, namespace, name);
    if (keys == null) {
      if (optional) {
        return;
      }
      throw new NotReady("ContainerCreating", "secret \"" + name + "\" not found");
    }
    writeKeys("secret", name, keys, items, optional, folder);
  }

  /** A Secret's keys decoded; `stringData` too, which the lab's store keeps as written. */
  private static Map<String, byte[]> secretKeys(KubernetesClient client, String namespace,
      String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return null;
    }
    Map<String, byte[]> keys = new LinkedHashMap<>();
    Objects.requireNonNullElse(secret.getData(), Map.<String, String>of())
        .forEach((k, v) -> keys.put(k, Base64.getDecoder().decode(v)));
    Objects.requireNonNullElse(secret.getStringData(), Map.<String, String>of())
        .forEach((k, v) -> keys.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return keys;
  }

  private static void writeKeys(String kind, String name, Map<String, byte[]> keys,
      List<KeyToPath> items, boolean optional, Path folder) throws NotReady, IOException {
    if (items == null || items.isEmpty()) {
      for (var key : keys.entrySet()) {
        Files.write(inside(folder, key.getKey()), key.getValue());
      }
      return;
    }
    for (KeyToPath item : items) {
      byte[] value = keys.get(item.getKey());
      if (value == null) {
        if (optional) {
          continue;
        }
        throw new NotReady("ContainerCreating",
            kind + " \"" + name + "\" has no key \"" + item.getKey() + "\"");
      }
      Path file = inside(folder, item.getPath());
      Files.createDirectories(file.getParent());
      Files.write(file, value);
    }
  }

  /** FOLDER/RELATIVE, refused when it would leave the folder (as the API server refuses `..`). */
  private static Path inside(Path folder, String relative) throws NotReady {
    Path path = folder.resolve(relative).normalize();
    if (!path.startsWith(folder) || Path.of(relative).isAbsolute()) {
      throw new NotReady("CreateContainerConfigError", "path `" + relative + "` leaves its volume");
    }
    return path;
  }

  /** The value with a leading mount path replaced by the mount's folder. */
  String rewrite(String value) {
    for (var mount : mounts) {
      String path = mount.getKey();
      if (value.equals(path)) {
        return mount.getValue().toString();
      }
      if (value.startsWith(path.equals("/") ? "/" : path + "/")) {
        return mount.getValue().resolve(value.substring(path.length()).replaceFirst("^/+", ""))
            .toString();
      }
    }
    return value;
  }

  /** The folder of the container's working directory; the pod's folder when it names none. */
  Path workingDirectory(Container container) throws IOException {
    String dir = container.getWorkingDir();
    Path folder = dir == null || dir.isEmpty() ? root : Path.of(rewrite(dir));
    Files.createDirectories(folder);
    return folder;
  }

  /** The folder mounted at PATH, if a mount is exactly there. */
  java.util.Optional<Path> mountedAt(String path) {
    return mounts.stream().filter(m -> m.getKey().equals(path)).map(Map.Entry::getValue)
        .findFirst();
  }

  /**
   * The container's `env`, values rewritten: plain values, a Secret's or ConfigMap's key, the
   * pod's name, namespace or service account (`fieldRef`). A missing key that is not optional
   * leaves the container waiting, as kubelet's CreateContainerConfigError does.
   */
  Map<String, String> environment(KubernetesClient client, String namespace, String podName,
      PodSpec spec, Container container) throws NotReady {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar variable : container.getEnv()) {
      EnvVarSource from = variable.getValueFrom();
      if (from == null) {
        env.put(variable.getName(), rewrite(Objects.requireNonNullElse(variable.getValue(), "")));
      } else if (from.getSecretKeyRef() != null) {
        var ref = from.getSecretKeyRef();
        Map<String, byte[]> keys = secretKeys(client, namespace, ref.getName());
        byte[] value = keys == null ? null : keys.get(ref.getKey());
        if (value != null) {
          env.put(variable.getName(), new String(value, StandardCharsets.UTF_8));
        } else if (!Boolean.TRUE.equals(ref.getOptional())) {
          throw new NotReady("CreateContainerConfigError", keys == null
              ? "secret \"" + ref.getName() + "\" not found"
              : "couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
        }
      } else if (from.getConfigMapKeyRef() != null) {
        var ref = from.getConfigMapKeyRef();
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
        String value = map == null || map.getData() == null ? null : map.getData().get(ref.getKey());
        if (value != null) {
          env.put(variable.getName(), rewrite(value));
        } else if (!Boolean.TRUE.equals(ref.getOptional())) {
          throw new NotReady("CreateContainerConfigError", map == null
              ? "configmap \"" + ref.getName() + "\" not found"
              : "couldn't find key " + ref.getKey() + " in ConfigMap " + namespace + "/" + ref.getName());
        }
      } else if (from.getFieldRef() != null) {
        String field = from.getFieldRef().getFieldPath();
        String value = switch (field) {
          case "metadata.name" -> podName;
          case "metadata.namespace" -> namespace;
          case "spec.serviceAccountName" -> Objects.requireNonNullElse(spec.getServiceAccountName(), "default");
          default -> throw new NotReady("CreateContainerConfigError",
              "the lab does not resolve fieldRef " + field);
        };
        env.put(variable.getName(), value);
      } else {
        throw new NotReady("CreateContainerConfigError",
            "the lab does not resolve env " + variable.getName() + "'s valueFrom");
      }
    }
    return env;
  }
}
