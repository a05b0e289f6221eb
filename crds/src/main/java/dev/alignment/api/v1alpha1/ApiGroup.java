package dev.alignment.api.v1alpha1;

/** The API group and version of every kind in this package. */
public final class ApiGroup {
  public static final String GROUP = "alignment.dev";
  public static final String VERSION = "v1alpha1";

  private ApiGroup() {}
}
