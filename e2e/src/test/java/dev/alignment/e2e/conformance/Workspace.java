package dev.alignment.e2e.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The stage's workspace volume: a host directory mounted at {@code /workspace}, holding the kit's data and what the
 * trainer writes. Left writable for everyone, since an image may run as any user.
 */
final class Workspace {
  static final String MOUNT = "/workspace";

  private final Path root;

  Workspace(Path root) {
    this.root = root;
    openUp(root);
  }

  Path root() {
    return root;
  }

  /** Where {@code /workspace/...} (or {@code file:///workspace/...}) is on this host. */
  Path host(String containerPath) {
    String path = containerPath.startsWith("file://") ? containerPath.substring("file://".length()) : containerPath;
    if (!path.startsWith(MOUNT + "/")) {
      throw new IllegalArgumentException(containerPath + " is not under " + MOUNT);
    }
    return root.resolve(path.substring(MOUNT.length() + 1));
  }

  /** Writes {@code content} at {@code /workspace/...}, making its directories. */
  void write(String containerPath, String content) {
    Path file = host(containerPath);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    for (Path p = file; !p.equals(root); p = p.getParent()) {
      openUp(p);
    }
  }

  private static void openUp(Path path) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxrwxrwx" : "rw-rw-rw-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open up " + path, e);
    }
  }
}
