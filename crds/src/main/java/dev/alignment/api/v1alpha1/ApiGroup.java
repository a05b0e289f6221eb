package dev.alignment.api.v1alpha1;

/** Names of the API group, its version and the labels the operator puts on what it owns. */
public final class ApiGroup {
  public static final String GROUP = "alignment.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private ApiGroup() {}
}
