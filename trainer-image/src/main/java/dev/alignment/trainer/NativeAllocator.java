package dev.alignment.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Which malloc serves this process's native allocations (PyTorch's tensors): the library mapped into it, if any. */
final class NativeAllocator {
  private static final List<String> KNOWN = List.of("tcmalloc", "jemalloc", "mimalloc");

  private NativeAllocator() {}

  /** tcmalloc, jemalloc or mimalloc when one is mapped (LD_PRELOAD), else glibc; unknown without /proc. */
  static String name() {
    try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
      return maps.flatMap(line -> KNOWN.stream().filter(name -> line.contains("lib" + name)))
          .findFirst().orElse("glibc");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
