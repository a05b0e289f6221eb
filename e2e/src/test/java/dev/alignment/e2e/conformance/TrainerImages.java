package dev.alignment.e2e.conformance;

import dev.alignment.e2e.Shell;

/** The trainer images the tests run: the one under test ({@code -Dconformance.image}) and the reference one. */
public final class TrainerImages {
  private static String reference;

  private TrainerImages() {}

  /**
   * The image the conformance kit runs: the one {@code -Dconformance.image.script} (a hack/ script that prints an
   * image's name last, e.g. hack/trl-image.sh) builds, else {@code -Dconformance.image} when given, else the reference
   * image.
   */
  static synchronized String underTest() {
    String script = System.getProperty("conformance.image.script", "");
    if (!script.isBlank()) {
      Shell.script("hack/docker.sh");
      return Shell.lastLine(Shell.script(script));
    }
    String given = System.getProperty("conformance.image", "");
    return given.isBlank() ? reference() : given;
  }

  /** The reference trainer image, built from this tree by hack/images.sh once per test JVM (its layers are cached). */
  public static synchronized String reference() {
    if (reference == null) {
      Shell.script("hack/docker.sh");
      // images.sh prints the trainer image's name first, then the operator's.
      reference = Shell.script("hack/images.sh").strip().lines().findFirst()
          .orElseThrow(() -> new IllegalStateException("hack/images.sh printed no image name"));
    }
    return reference;
  }
}
