package dev.alignment.operator.stage;

import dev.alignment.contract.Defaults;

/** Where stages read and write on the workspace volume: {@code /workspace/<namespace>/<owner>/<stage>/}. */
public final class Workspace {
  public static final String ROOT = "/workspace";

  private Workspace() {}

  public static String stageDir(String namespace, String owner, String stage) {
    return ROOT + "/" + namespace + "/" + owner + "/" + stage;
  }

  /** The final model a stage writes, as a URI. */
  public static String modelUri(String namespace, String owner, String stage) {
    return "file://" + stageDir(namespace, owner, stage) + "/model";
  }

  /** Resolves {@code run://<run>/<stage>} to that stage's model on the workspace; other URIs are returned as is. */
  public static String resolveModel(String namespace, String uri) {
    if (uri == null) {
      return Defaults.MODEL;
    }
    if (uri.startsWith("run://")) {
      String[] parts = uri.substring("run://".length()).split("/", 2);
      if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
        return modelUri(namespace, parts[0], parts[1]);
      }
      throw new IllegalArgumentException("model uri " + uri + " must look like run://<alignmentrun>/<stage>");
    }
    return uri;
  }
}
