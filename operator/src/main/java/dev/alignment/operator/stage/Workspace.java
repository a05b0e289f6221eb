package dev.alignment.operator.stage;

import dev.alignment.contract.Defaults;
import dev.alignment.operator.uri.RunUris;
import dev.alignment.operator.uri.UriKind;

/** Where stages read and write on the workspace volume: {@code /workspace/<namespace>/<owner>/<stage>/}. */
public final class Workspace {
  public static final String ROOT = "/workspace";

  private Workspace() {}

  /** The namespace's own root: every file:// URI of its resources stays under it. */
  public static String namespaceRoot(String namespace) {
    return ROOT + "/" + namespace;
  }

  public static String stageDir(String namespace, String owner, String stage) {
    return namespaceRoot(namespace) + "/" + owner + "/" + stage;
  }

  /** The final model a stage writes, as a URI. */
  public static String modelUri(String namespace, String owner, String stage) {
    return "file://" + stageDir(namespace, owner, stage) + "/model";
  }

  /**
   * Resolves {@code run://<run>/<stage>} to that stage's model in the same namespace; other URIs are returned as is.
   *
   * @param field the spec field that holds the URI, for the message if it is not a valid run:// URI
   */
  public static String resolveModel(String field, String namespace, String uri) {
    if (uri == null) {
      return Defaults.MODEL;
    }
    if (uri.startsWith(UriKind.RUN.prefix())) {
      RunUris.Ref run = RunUris.parse(field, uri);
      return modelUri(namespace, run.name(), run.stage());
    }
    return uri;
  }
}
