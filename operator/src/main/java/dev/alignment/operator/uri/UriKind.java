package dev.alignment.operator.uri;

/** The schemes a URI field may use; each field allows some of them. */
public enum UriKind {
  BUILTIN("builtin://"),
  FILE("file://"),
  RUN("run://"),
  HTTP("http://"),
  HTTPS("https://"),
  S3("s3://");

  private final String prefix;

  UriKind(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The kind a URI's scheme names (compared as written: the trainer and CEL read schemes in lower case). */
  static UriKind of(String uri) {
    for (UriKind kind : values()) {
      if (uri.startsWith(kind.prefix)) {
        return kind;
      }
    }
    return null;
  }
}
