package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PPO monitors warn once when a sign of trouble begins, again only after it cleared, and survive a checkpoint. */
class TrainingMonitorsTest {
  private static Map<String, Double> iteration(double kl, double entropy, double length) {
    return Map.of("objective/kl", kl, "objective/entropy", entropy, "response_length", length);
  }

  private static List<String> kinds(List<TrainingMonitors.Warning> warnings) {
    return warnings.stream().map(TrainingMonitors.Warning::kind).toList();
  }

  @Test
  void negativeKlWarnsOncePerEpisodeBeyondTheTolerance() {
    TrainingMonitors monitors = new TrainingMonitors(16);
    assertThat(monitors.observe(iteration(0, 10, 5))).isEmpty();
    assertThat(monitors.observe(iteration(-0.05, 10, 5))).isEmpty();
    List<TrainingMonitors.Warning> warnings = monitors.observe(iteration(-0.5, 10, 5));
    assertThat(kinds(warnings)).containsExactly("negative_kl");
    assertThat(warnings.get(0).message()).contains("-0.500 nats");
    assertThat(monitors.observe(iteration(-0.4, 10, 5))).isEmpty();
    assertThat(monitors.observe(iteration(0.3, 10, 5))).isEmpty();
    assertThat(kinds(monitors.observe(iteration(-0.2, 10, 5)))).containsExactly("negative_kl");
  }

  @Test
  void entropyCollapseIsJudgedPerTokenAgainstTheFirstIteration() {
    TrainingMonitors monitors = new TrainingMonitors(16);
    monitors.observe(iteration(0, 10, 5)); // 2 nats per token
    assertThat(monitors.observe(iteration(1, 1.2, 5))).isEmpty(); // 0.24 per token, above 10%
    // 1.0 nats over 10 tokens is 0.1 per token: under 10% of 2 is below 0.2
    assertThat(kinds(monitors.observe(iteration(1, 1.0, 10)))).containsExactly("entropy_collapse");
  }

  @Test
  void lengthRunawayAfterThreeIterationsAtTheLimitOrAtTwiceTheFirstLength() {
    TrainingMonitors atLimit = new TrainingMonitors(16);
    atLimit.observe(iteration(0, 30, 10));
    assertThat(atLimit.observe(iteration(1, 30, 15.5))).isEmpty();
    assertThat(atLimit.observe(iteration(1, 30, 15.5))).isEmpty();
    assertThat(kinds(atLimit.observe(iteration(1, 30, 15.5)))).containsExactly("length_runaway");

    TrainingMonitors doubled = new TrainingMonitors(16);
    doubled.observe(iteration(0, 8, 4));
    assertThat(kinds(doubled.observe(iteration(1, 18, 9)))).containsExactly("length_runaway");
  }

  @Test
  void aRestoredMonitorKeepsItsBaselineAndWhatIsActive() {
    TrainingMonitors monitors = new TrainingMonitors(16);
    monitors.observe(iteration(0, 10, 5));
    monitors.observe(iteration(-1, 10, 5));
    TrainingMonitors restored = new TrainingMonitors(16);
    restored.restore(monitors.state());
    assertThat(restored.observe(iteration(-1, 10, 5))).isEmpty();
    assertThat(kinds(restored.observe(iteration(0, 0.5, 5)))).containsExactly("entropy_collapse");
  }
}
