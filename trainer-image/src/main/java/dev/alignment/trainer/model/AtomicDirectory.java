package dev.alignment.trainer.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes a directory under a temporary name and renames it into place, so readers never see it half-written. */
public final class AtomicDirectory {
  static final String TEMP_PREFIX = ".tmp-";

  private AtomicDirectory() {}

  /** Fills a directory with {@code contents}; its files appear at {@code target} all at once. */
  public static void write(Path target, Contents contents) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempDirectory(parent, TEMP_PREFIX + target.getFileName() + "-");
    try {
      contents.writeTo(temp);
      if (Files.exists(target)) {
        deleteRecursively(target);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(temp)) {
        deleteRecursively(temp);
      }
    }
  }

  /** As {@link #write}, for a directory written once: an existing {@code target} is refused, not replaced. */
  public static void writeNew(Path target, Contents contents) throws IOException {
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + ": already exists; a model directory is written once");
    }
    write(target, contents);
  }

  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Writes the files of the directory being built. */
  @FunctionalInterface
  public interface Contents {
    void writeTo(Path dir) throws IOException;
  }
}
