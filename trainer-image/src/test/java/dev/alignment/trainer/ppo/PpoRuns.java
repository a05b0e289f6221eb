package dev.alignment.trainer.ppo;

import dev.alignment.contract.PpoActorConfig;
import dev.alignment.trainer.ContractConfigs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configs for short PPO runs of fresh tiny models (policy and reference {@code builtin://tiny} with the same seed, a
 * fresh reward model), where what matters is the mechanics, not what is learnt.
 */
final class PpoRuns {
  private PpoRuns() {}

  /** {@code ppoSettings} go over the contract's defaults, Colocated, with smaller batches and completions. */
  static Map<String, Object> config(Path outputDir, int steps, int checkpointEvery, Map<String, Object> ppoSettings) {
    Map<String, Object> tiny = Map.of("uri", "builtin://tiny", "tokenizer", "builtin://words");
    Map<String, Object> ppo = new LinkedHashMap<>(PpoPipelineTest.COLOCATED);
    ppo.put("rolloutBatchSize", 16);
    ppo.put("maxNewTokens", 8);
    ppo.put("epochs", 2);
    ppo.putAll(ppoSettings);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("stage", "ppo");
    config.put("outputDir", outputDir.toString());
    config.put("checkpointEvery", checkpointEvery);
    config.put("metricsPort", -1);
    config.put("policy", tiny);
    config.put("reference", tiny);
    config.put("rewardModel", "builtin://tiny");
    config.put("prompts", "builtin://sentiment/prompts");
    config.put("training", Map.of("steps", steps, "batchSize", 8, "learningRate", 1e-3, "seed", 7));
    config.put("ppo", ppo);
    return config;
  }

  /**
   * The same, Split, with the critic at {@code port} on this machine, a peer timeout of {@code peerTimeoutSeconds},
   * and a token file written beside {@code outputDir} as the operator's Secret would be mounted.
   */
  static Map<String, Object> split(Path outputDir, int steps, int port, int peerTimeoutSeconds) throws IOException {
    Map<String, Object> config = config(outputDir, steps, 50,
        Map.of("topology", "Split", "peerTimeoutSeconds", peerTimeoutSeconds, "startupTimeoutSeconds", 30));
    config.put("critic", critic(port, tokenFile(outputDir.resolveSibling(outputDir.getFileName() + "-token"))));
    return config;
  }

  /** A {@code critic} block for a critic on this machine at {@code port}. */
  static Map<String, Object> critic(int port, Path tokenFile) {
    return Map.of("url", "http://localhost:" + port, "port", port, "tokenFile", tokenFile.toString());
  }

  /** Writes a random token to {@code file}, as the operator's Secret holds one. */
  static Path tokenFile(Path file) throws IOException {
    byte[] token = new byte[32];
    new SecureRandom().nextBytes(token);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
  }

  /** The PPO settings a stage reads from {@code config}, a config as {@link #config} makes one. */
  static PpoSettings settings(Path workDir, Map<String, Object> config) {
    PpoActorConfig read = ContractConfigs.read("ppo-actor", workDir, config);
    return PpoSettings.from(read.ppo(), read.training());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
