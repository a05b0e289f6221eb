package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.PpoCriticConfig;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import java.io.IOException;
import java.util.Map;

/**
 * {@code ppo-critic}: the Split topology's critic pod. Serves the value and reward models on {@code critic.port} to
 * the actor (calls carrying the token in {@code critic.tokenFile}) until it calls finish (exit 0, value model at
 * {@code <outputDir>/value-model}). Exits 3 when the actor
 * goes quiet for {@code ppo.peerTimeoutSeconds} after its first contact, or never makes contact within twice
 * {@code ppo.startupTimeoutSeconds}.
 */
public final class PpoCriticStage implements Stage<PpoCriticConfig> {
  @Override
  public StageResult run(StageContext<PpoCriticConfig> context) throws IOException {
    PpoCriticConfig config = context.config();
    PpoSettings ppo = PpoSettings.from(config.ppo(), config.training());
    CriticToken token = CriticToken.read(config.critic().tokenFile());
    PeerWatchdog watchdog = new PeerWatchdog("actor", ppo.peerTimeout(), ppo.startupTimeout().multipliedBy(2), System::nanoTime);
    try (NDManager manager = NDManager.newBaseManager();
         LocalCritic critic = new LocalCritic(config.inputs().rewardModel(), context.outputDir(), ppo, manager);
         CriticServer server = CriticServer.start(critic, new CriticServer.Settings(config.critic().port(), token,
             CriticLimits.of(ppo, critic.vocabSize(), critic.contextLength()), config.training().steps()),
             watchdog, context.progress())) {
      context.progress().note("critic serving on port " + server.port());
      String output = server.awaitFinish();
      Map<String, Double> metrics = server.metrics();
      return new StageResult(output, metrics, null, "served the PPO actor to the end; value model saved to " + output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while serving the actor", e);
    }
  }
}
