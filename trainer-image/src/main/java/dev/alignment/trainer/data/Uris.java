package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;
import java.nio.file.Path;

/** Turns the config's {@code file://} URIs into paths. */
public final class Uris {
  public static final String FILE_SCHEME = "file://";

  private Uris() {}

  public static Path path(String uri, String what) {
    if (uri == null || !uri.startsWith(FILE_SCHEME) || uri.length() == FILE_SCHEME.length()) {
      throw new BadInputException(what + " uri '" + uri + "' must be a file:// uri");
    }
    return Path.of(uri.substring(FILE_SCHEME.length()));
  }

  public static String of(Path path) {
    return FILE_SCHEME + path.toAbsolutePath();
  }
}
