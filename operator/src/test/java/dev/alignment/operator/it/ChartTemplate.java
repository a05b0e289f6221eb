package dev.alignment.operator.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    return Commands.run(command);
  }

  private static synchronized Path helm() {
    if (helm == null) {
      helm = Path.of(Commands.lastLine(Commands.run(List.of(Commands.script("build-k8s.sh"), "helm"))), "helm");
    }
    return helm;
  }
}
