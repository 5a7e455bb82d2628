package dev.chaos.drivers.kube;

import static dev.chaos.drivers.kube.SpecFields.whole;

import dev.chaos.drivers.ManifestDocuments;
import dev.chaos.drivers.kube.ChaosInjection.Stress;
import java.util.Map;

/**
 * What a StressChaos burns in the pods it selects: CPU workers and their load, memory workers
 * and the size they hold (bytes, or a share of the memory there is); stress-ng's own options
 * are kept as details.
 */
final class StressChaosReader {
  private StressChaosReader() {}

  static Stress read(String subject, Map<String, Object> spec,
      Map<String, String> details) {
    Map<String, Object> cpu = ManifestDocuments.map(ManifestDocuments.at(spec, "stressors",
        "cpu"));
    Map<String, Object> memory = ManifestDocuments.map(ManifestDocuments.at(spec, "stressors",
        "memory"));
    String raw = ManifestDocuments.text(spec.get("stressngStressors"));
    if (cpu.isEmpty() && memory.isEmpty() && raw.isBlank()) {
      throw new IllegalArgumentException(subject + " has no `stressors.cpu`,"
          + " `stressors.memory` or `stressngStressors`: it would stress nothing");
    }
    if (!raw.isBlank()) {
      details.put("stressngStressors", raw);
    }
    int cpuWorkers = cpu.isEmpty() ? 0
        : whole(subject, "stressors.cpu.workers", cpu.get("workers"), -1, 1, 8192);
    int load = cpu.isEmpty() ? 0
        : whole(subject, "stressors.cpu.load", cpu.get("load"), 100, 0, 100);
    int memoryWorkers = memory.isEmpty() ? 0
        : whole(subject, "stressors.memory.workers", memory.get("workers"), -1, 1, 8192);
    long bytes = 0;
    double percent = 0;
    String size = ManifestDocuments.text(memory.get("size")).trim();
    if (!memory.isEmpty()) {
      if (size.isEmpty()) {
        percent = 100; // memStress's default: all the memory there is
      } else if (size.endsWith("%")) {
        percent = whole(subject, "stressors.memory.size", size.substring(0, size.length() - 1),
            -1, 0, 100);
      } else {
        bytes = ChaosQuantities.bytes(subject + " `stressors.memory.size`", size);
      }
    }
    for (String options : new String[] {"cpu", "memory"}) {
      Object o = ManifestDocuments.at(spec, "stressors", options, "options");
      if (o != null) {
        details.put("stressors." + options + ".options", String.valueOf(o));
      }
    }
    return new Stress(cpuWorkers, load, memoryWorkers, bytes, percent);
  }
}
