package dev.alignment.operator.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Helm chart rendered by the real helm that hack/build-k8s.sh builds, as `helm install` would render it. */
final class ChartTemplate {
  /** The chart the failsafe configuration's CRDs belong to. */
  private static final Path CHART = Path.of(System.getProperty("crds.dir")).getParent();
  private static Path helm;

  private ChartTemplate() {}

  /** The chart's objects as YAML for a release named alignment-operator in {@code namespace}; {@code args} as helm's. */
  static String render(String namespace, String... args) {
    List<String> command = new ArrayList<>(List.of(helm().toString(), "template", "alignment-operator", CHART.toString(),
        "--namespace", namespace));
    command.addAll(List.of(args));
    return run(command);
  }

  private static synchronized Path helm() {
    if (helm == null) {
      String[] lines = run(List.of(CHART.resolve("../../hack/build-k8s.sh").normalize().toString(), "helm")).strip().split("\n");
      helm = Path.of(lines[lines.length - 1].strip(), "helm");
    }
    return helm;
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
