package dev.alignment.trainer;

/**
 * Keeps DJL from reaching the network: the PyTorch natives and the JNI bridge come from jars on the classpath, so
 * offline mode makes a missing native a clear error instead of a download attempt, and the usage ping is switched off.
 */
final class OfflineEngine {
  private OfflineEngine() {}

  static void configure() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
    if (System.getProperty("ai.djl.default_engine") == null) {
      System.setProperty("ai.djl.default_engine", "PyTorch");
    }
  }
}
