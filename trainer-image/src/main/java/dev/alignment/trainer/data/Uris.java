package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns the config's {@code file://} URIs into paths. Under a workspace root ({@link UriScope}), a path on the
 * workspace volume must lie under that root, also once symlinks are resolved: the operator checked the URI's text,
 * only the trainer sees the volume. The refusal says the same whether or not the target exists.
 */
public final class Uris {
  public static final String FILE_SCHEME = "file://";

  private Uris() {}

  public static Path path(String uri, String what) {
    if (uri == null || !uri.startsWith(FILE_SCHEME) || uri.length() == FILE_SCHEME.length()) {
      throw new BadInputException(what + " uri '" + uri + "' must be a file:// uri");
    }
    Path path = Path.of(uri.substring(FILE_SCHEME.length()));
    Path root = UriScope.current().workspaceRoot();
    if (root != null && !confined(path.normalize(), root)) {
      throw new BadInputException(what + " uri '" + uri + "' is outside this namespace's workspace");
    }
    if (root != null && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      requireConfinedEntries(path, root, what, uri);
    }
    return path;
  }

  /**
   * A directory (a model, a validated dataset) is read file by file: a symlink anywhere inside it must stay under
   * the root too, or a planted link would carry the read out of the namespace.
   */
  private static void requireConfinedEntries(Path dir, Path root, String what, String uri) {
    try (Stream<Path> entries = Files.walk(dir)) {
      entries.filter(entry -> !confined(entry.normalize(), root)).findFirst().ifPresent(entry -> {
        throw new BadInputException(what + " uri '" + uri + "': " + dir.relativize(entry)
            + " leads outside this namespace's workspace");
      });
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException(what + " uri '" + uri + "': cannot list the directory: " + e.getMessage(), e);
    }
  }

  public static String of(Path path) {
    return FILE_SCHEME + path.toAbsolutePath();
  }

  /**
   * A path off the workspace volume (root's parent: an input the operator mounts elsewhere) is the operator's
   * business; one on it must be under root, and so must its real path, which may not pass a symlink out.
   */
  static boolean confined(Path path, Path root) {
    Path volume = root.getParent();
    if (volume == null || !path.startsWith(volume)) {
      return true;
    }
    Optional<Path> realRoot = real(volume).map(v -> v.resolve(root.getFileName()));
    return path.startsWith(root) && realRoot.isPresent() && real(path).filter(p -> p.startsWith(realRoot.get())).isPresent();
  }

  /**
   * The path with every symlink of its existing part resolved, the part that does not exist yet kept as written;
   * empty for a dangling symlink or a loop (nothing proven to stay inside).
   */
  private static Optional<Path> real(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of(path);
    }
    try {
      return Optional.of(existing.toRealPath().resolve(existing.relativize(path)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
