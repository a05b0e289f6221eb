package dev.alignment.e2e.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.MetricNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.LogUtils;

/**
 * One attempt of a stage on the image under test, started as the operator's Job starts it: {@code <command> --config
 * /etc/alignment/stage/config.json}, the workspace at {@code /workspace}, the contract's environment, and the
 * termination log redirected into the workspace ({@code ALIGNMENT_TERMINATION_LOG}). Removed on close.
 */
record TrainerContainer(DockerClient docker, String id, Path terminationLog) implements AutoCloseable {
  private static final String CONFIG = "/etc/alignment/stage/config.json";
  private static final AtomicInteger STARTED = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Starts attempt {@code attempt} of {@code config}'s stage. With {@code servingMetrics} the container has a network
   * and the contract's metrics port published on this host; without, it has no network at all.
   */
  static TrainerContainer start(Workspace workspace, KitConfig config, int attempt, boolean servingMetrics) {
    String files = Workspace.MOUNT + "/.kit/" + config.stage() + "-" + attempt + "-" + STARTED.incrementAndGet();
    String configFile = files + ".json";
    String terminationLog = files + ".termination-log";
    workspace.write(configFile, config.json().toPrettyString());
    workspace.write(terminationLog, "");
    HostConfig host = HostConfig.newHostConfig().withBinds(
        new Bind(workspace.root().toString(), new Volume(Workspace.MOUNT)),
        new Bind(workspace.host(configFile).toString(), new Volume(CONFIG), AccessMode.ro));
    ExposedPort metrics = ExposedPort.tcp(Defaults.METRICS_PORT);
    host = servingMetrics
        ? host.withPortBindings(new PortBinding(Ports.Binding.empty(), metrics))
        : host.withNetworkMode("none");
    String owner = config.json().required("owner").asText();
    DockerClient docker = DockerClientFactory.instance().client();
    String id = docker.createContainerCmd(TrainerImages.underTest())
        .withCmd(config.command().command(), "--config", CONFIG)
        .withEnv(List.of(
            "ALIGNMENT_NAMESPACE=" + config.json().required("namespace").asText(),
            "ALIGNMENT_OWNER=" + owner,
            "ALIGNMENT_STAGE=" + config.stage(),
            "ALIGNMENT_ATTEMPT=" + attempt,
            "POD_NAME=" + owner + "-" + config.stage() + "-" + attempt,
            "OMP_NUM_THREADS=1",
            "ALIGNMENT_TERMINATION_LOG=" + terminationLog))
        .withExposedPorts(servingMetrics ? List.of(metrics) : List.of())
        .withHostConfig(host)
        .exec().getId();
    TrainerContainer container = new TrainerContainer(docker, id, workspace.host(terminationLog));
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      container.close();
      throw e;
    }
    return container;
  }

  /** Waits (at most 3 minutes) for the trainer to exit; returns its exit code. */
  int awaitExit() {
    return docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(3, TimeUnit.MINUTES);
  }

  /** Kills the container as a node failure or an evicted pod would (SIGKILL); returns its exit code. */
  int kill() {
    docker.killContainerCmd(id).exec();
    return awaitExit();
  }

  /** The JSON object the trainer wrote to its termination log. */
  JsonNode summary() {
    try {
      String text = Files.readString(terminationLog);
      if (text.isBlank()) {
        throw new AssertionError("the trainer wrote nothing to its termination log; its output:\n" + logs());
      }
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the termination log " + terminationLog, e);
    }
  }

  /** Its stdout and stderr so far. */
  String logs() {
    return LogUtils.getOutput(docker, id);
  }

  /** The contract's metrics endpoint, published on this host. */
  URI metrics() {
    Ports.Binding[] bindings = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings()
        .get(ExposedPort.tcp(Defaults.METRICS_PORT));
    if (bindings == null || bindings.length == 0) {
      throw new IllegalStateException("port " + Defaults.METRICS_PORT + " is not published; was the container started serving metrics?");
    }
    String hostPort = bindings[0].getHostPortSpec();
    return URI.create("http://" + DockerClientFactory.instance().dockerHostIpAddress() + ":" + hostPort + MetricNames.PATH);
  }

  /**
   * Scrapes the metrics endpoint (with {@code query}, e.g. {@code ?name[]=...}, or "") until a page satisfies
   * {@code condition}, for at most 2 minutes; returns that page. Failing, the trainer's output says why.
   */
  MetricsPage awaitMetrics(String query, Predicate<MetricsPage> condition) {
    URI uri = URI.create(metrics() + query);
    try {
      return Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> MetricsPage.scrape(uri), condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no page of " + uri + " met the condition in 2 minutes; the trainer's output:\n" + logs(), e);
    }
  }

  @Override
  public void close() {
    docker.removeContainerCmd(id).withForce(true).exec();
  }
}
