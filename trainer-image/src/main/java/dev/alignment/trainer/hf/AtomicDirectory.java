package dev.alignment.trainer.hf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;

/** Writes a new directory whole: its files go to a hidden temporary sibling, which is then renamed into place. */
final class AtomicDirectory {
  /** Fills the (temporary) directory it is given. */
  interface Contents {
    void writeInto(Path directory) throws IOException;
  }

  private AtomicDirectory() {}

  /** Writes {@code target}, which must not exist yet; on failure nothing is left behind. */
  static void write(Path target, Contents contents) {
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + ": already exists; a model directory is written once");
    }
    Path absolute = target.toAbsolutePath();
    Path temporary = null;
    try {
      temporary = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".");
      contents.writeInto(temporary);
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("cannot write the directory " + target + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // the temporary directory is hidden and only left behind after a failed write
    }
  }
}
