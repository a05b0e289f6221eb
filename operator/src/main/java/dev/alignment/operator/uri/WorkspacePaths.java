package dev.alignment.operator.uri;

import dev.alignment.operator.stage.Workspace;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confines a {@code file://} URI to its namespace's root on the workspace, {@code /workspace/<namespace>/}: the path
 * must be absolute and already normal (no empty, {@code .} or {@code ..} segments), and decoding its
 * percent-escapes once must not hide a {@code /}, a {@code .}/{@code ..} segment or a control character. The
 * message never depends on the target, so it tells nothing of other files.
 */
final class WorkspacePaths {
  private static final Pattern ESCAPE = Pattern.compile("%([0-9A-Fa-f]{2})");

  private WorkspacePaths() {}

  /** Throws an IllegalArgumentException naming the field unless the URI lies under the namespace's root. */
  static void check(String field, String uri, String namespace) {
    String path = uri.substring(UriKind.FILE.prefix().length());
    String root = Workspace.ROOT + "/" + namespace + "/";
    boolean under = path.startsWith(root) && !path.substring(root.length()).replace("/", "").isEmpty();
    if (!under || !normal(path) || !normal(decoded(path))) {
      throw new IllegalArgumentException(field + ": '" + uri + "' is outside this namespace's workspace (file://"
          + root + "...)");
    }
  }

  /** Absolute, non-empty segments, none of them . or .., no control characters; one trailing slash is fine. */
  private static boolean normal(String path) {
    if (path == null || !path.startsWith("/") || path.chars().anyMatch(Character::isISOControl)) {
      return false;
    }
    String body = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
    for (String segment : body.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** The path with each ASCII %XX decoded once; null if an escape hides a slash. */
  private static String decoded(String path) {
    StringBuilder out = new StringBuilder();
    Matcher m = ESCAPE.matcher(path);
    int last = 0;
    while (m.find()) {
      int c = Integer.parseInt(m.group(1), 16);
      if (c == '/') {
        return null;
      }
      // Bytes of multi-byte UTF-8 characters stay escaped: they cannot spell a separator or a dot.
      out.append(path, last, m.start()).append(c < 0x80 ? String.valueOf((char) c) : m.group());
      last = m.end();
    }
    return out.append(path.substring(last)).toString();
  }
}
