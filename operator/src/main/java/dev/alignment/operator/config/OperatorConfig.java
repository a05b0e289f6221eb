package dev.alignment.operator.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.alignment.operator.stage.BackoffPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The operator's settings, read from a YAML file and overridden by {@code ALIGNMENT_<FIELD>} environment
 * variables (see {@link OperatorConfigLoader}). Every field has a default, so an empty file is valid.
 *
 * @param trainerImage default trainer image of every stage Job (a resource's spec.image overrides it)
 * @param imagePullPolicy pull policy of trainer containers
 * @param workspaceClaim default PersistentVolumeClaim mounted at /workspace
 * @param watchNamespaces namespaces to reconcile; empty means all namespaces
 * @param metricsPort port of the /metrics, /healthz and /readyz endpoints
 * @param trainerCpu CPU request of a trainer container when the spec sets none
 * @param trainerMemory memory request and limit of a trainer container when the spec sets none
 * @param trainerServiceAccount service account of trainer pods; empty means the namespace's default
 * @param retryBackoffSeconds wait after a stage's first retryable failure; doubles per failure
 * @param retryBackoffMaxSeconds longest wait between attempts
 * @param progressIntervalSeconds how often a running stage's progress is read from its trainer and written to
 *     status (at most one such write per run per interval)
 * @param leaderElection elect one active replica through a Lease (enable when running more than one)
 * @param leaseName name of that Lease
 * @param leaseNamespace namespace of that Lease; empty means the operator's own namespace
 * @param sweepMaxCells most cells a sweep may have; a larger one is Failed (InvalidMatrix) and creates nothing
 * @param sweepCreateBatch most child runs a sweep creates per reconcile, with a status write after each batch
 * @param sweepLeaderboardTop how many leaderboard entries a sweep's status holds (all are in its ConfigMap)
 * @param allowedImages images a resource's spec.image may name besides trainerImage ({@link AllowList} entries)
 * @param allowedTolerationKeys toleration keys a spec may add to its pods
 * @param allowedPriorityClasses priority classes a spec may name
 * @param allowedNodeSelectorKeys node selector keys a spec may set
 * @param allowedClaims PersistentVolumeClaims a spec may mount as its workspace besides workspaceClaim
 * @param allowedEnvNames environment variable names a spec's env/envFrom may set in trainer pods
 * @param imagePullSecrets Secrets (in each namespace) trainer pods pull their image with
 * @param trainerActiveDeadlineSeconds longest a stage pod may run (activeDeadlineSeconds); 0 means no limit
 * @param httpAllowedHosts hosts http(s) URIs may name; empty means any host whose addresses are public
 * @param httpAllowedCidrs address ranges http(s) URIs may reach even though they are private or cluster-internal
 * @param httpMaxBytes largest body a trainer reads from an http(s) URI
 * @param s3Endpoint endpoint of s3:// URIs (empty: AWS's); the cluster's choice, never a tenant's
 * @param defaultRuntime the TrainerRuntime of a resource that names none; when no TrainerRuntime of this name exists,
 *     stages run on trainerImage as {@code alignment-trainer}, one pod, as before runtimes
 * @param evalRuntime the TrainerRuntime of every eval stage and of dataset validation, so results are judged alike
 *     whatever a run trained on; empty means defaultRuntime (with the same fallback)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record OperatorConfig(
    String trainerImage,
    String imagePullPolicy,
    String workspaceClaim,
    List<String> watchNamespaces,
    int metricsPort,
    String trainerCpu,
    String trainerMemory,
    String trainerServiceAccount,
    int retryBackoffSeconds,
    int retryBackoffMaxSeconds,
    int progressIntervalSeconds,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int sweepMaxCells,
    int sweepCreateBatch,
    int sweepLeaderboardTop,
    List<String> allowedImages,
    List<String> allowedTolerationKeys,
    List<String> allowedPriorityClasses,
    List<String> allowedNodeSelectorKeys,
    List<String> allowedClaims,
    List<String> allowedEnvNames,
    List<String> imagePullSecrets,
    long trainerActiveDeadlineSeconds,
    List<String> httpAllowedHosts,
    List<String> httpAllowedCidrs,
    long httpMaxBytes,
    String s3Endpoint,
    String defaultRuntime,
    String evalRuntime) {

  public OperatorConfig {
    atLeastOne("sweepMaxCells", sweepMaxCells);
    atLeastOne("sweepCreateBatch", sweepCreateBatch);
    atLeastOne("sweepLeaderboardTop", sweepLeaderboardTop);
    if (trainerActiveDeadlineSeconds < 0) {
      throw new IllegalArgumentException("trainerActiveDeadlineSeconds must be 0 (no limit) or positive, not "
          + trainerActiveDeadlineSeconds);
    }
    if (defaultRuntime == null || defaultRuntime.isBlank()) {
      throw new IllegalArgumentException("defaultRuntime must name a TrainerRuntime");
    }
    if (httpMaxBytes < 1) {
      throw new IllegalArgumentException("httpMaxBytes must be at least 1, not " + httpMaxBytes);
    }
  }

  private static void atLeastOne(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, not " + value);
    }
  }

  /** The settings used when neither file nor environment says otherwise. */
  public static OperatorConfig defaults() {
    return new OperatorConfig(
        "alignment-trainer:0.1.0",
        "IfNotPresent",
        "alignment-workspace",
        List.of(),
        8080,
        "1",
        "2Gi",
        "",
        10,
        300,
        10,
        false,
        "alignment-operator-lock",
        "",
        10_000,
        50,
        20,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "HF_TOKEN"),
        List.of(),
        0,
        List.of(),
        List.of(),
        4L << 30,
        "",
        "djl",
        "");
  }

  /** The runtime of eval stages and dataset validation: evalRuntime, or defaultRuntime when that is empty. */
  public String referenceRuntime() {
    return evalRuntime == null || evalRuntime.isBlank() ? defaultRuntime : evalRuntime;
  }

  public Duration progressInterval() {
    return Duration.ofSeconds(progressIntervalSeconds);
  }

  public BackoffPolicy backoff() {
    return new BackoffPolicy(Duration.ofSeconds(retryBackoffSeconds), Duration.ofSeconds(retryBackoffMaxSeconds));
  }
}
