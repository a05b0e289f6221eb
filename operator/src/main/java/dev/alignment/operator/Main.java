package dev.alignment.operator;

import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.config.OperatorConfigLoader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar alignment-operator.jar [--config operator.yaml]}. Connects with KUBECONFIG (or
 * the in-cluster service account), starts the operator and runs until stopped.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    Path file = configFile(args);
    OperatorConfig config;
    try {
      config = OperatorConfigLoader.load(file, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    LOG.info("connecting to {} (trainer image {}, workspace claim {}, namespaces {})",
        client.getMasterUrl(), config.trainerImage(), config.workspaceClaim(),
        config.watchNamespaces().isEmpty() ? "all" : config.watchNamespaces());
    AlignmentOperator operator;
    try {
      operator = AlignmentOperator.start(client, config);
    } catch (IOException | RuntimeException e) {
      // The probe server and informer threads already run and would keep the JVM up, live but reconciling
      // nothing (an informer that cannot sync, say); exiting lets Kubernetes restart the pod and show why.
      LOG.error("the operator did not start; exiting", e);
      System.exit(1);
      return;
    }
    LOG.info("alignment-operator started; metrics and probes on :{}", operator.metricsPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      client.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }

  private static Path configFile(String[] args) {
    for (int i = 0; i < args.length - 1; i++) {
      if ("--config".equals(args[i])) {
        return Path.of(args[i + 1]);
      }
    }
    String fromEnv = System.getenv("ALIGNMENT_OPERATOR_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
  }
}
