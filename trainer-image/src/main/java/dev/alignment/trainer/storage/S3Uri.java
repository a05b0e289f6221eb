package dev.alignment.trainer.storage;

import dev.alignment.trainer.base.BadInputException;
import java.util.regex.Pattern;

/** An {@code s3://bucket/key} URI: an object, or with the key as a prefix, the "directory" of objects under it. */
public record S3Uri(String bucket, String key) {
  public static final String SCHEME = "s3://";
  /** S3's bucket naming rules: 3-63 lowercase letters, digits, dots and hyphens, a letter or digit at each end. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public static boolean matches(String uri) {
    return uri != null && uri.startsWith(SCHEME);
  }

  /** Parses {@code uri}; {@code what} names it in the message when it is malformed. */
  public static S3Uri parse(String uri, String what) {
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (!BUCKET.matcher(bucket).matches()) {
      throw new BadInputException(what + " uri '" + uri + "': '" + bucket + "' is not a bucket name (3-63 lowercase "
          + "letters, digits, dots and hyphens)");
    }
    String path = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    for (String segment : key.isEmpty() ? new String[0] : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new BadInputException(what + " uri '" + uri + "': the key has an empty, '.' or '..' path segment");
      }
    }
    return new S3Uri(bucket, key);
  }

  /** An object's URI: one that names a key, not a bucket or a prefix ending in '/'. */
  public static S3Uri object(String uri, String what) {
    S3Uri parsed = parse(uri, what);
    if (parsed.key.isEmpty() || parsed.key.endsWith("/")) {
      throw new BadInputException(what + " uri '" + uri + "' must name an object (s3://bucket/key), not a prefix");
    }
    return parsed;
  }

  /** The key as a prefix of a directory's objects: empty (the whole bucket) or ending in '/'. */
  public String prefix() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  /** The object {@code relative} (a '/'-separated path) under this URI's prefix. */
  public S3Uri child(String relative) {
    return new S3Uri(bucket, prefix() + relative);
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + key;
  }
}
