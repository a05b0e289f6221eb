package dev.alignment.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each command's record reads a config shaped as the operator builds it and writes it back unchanged. */
class OperatorShapedConfigsTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  /** 900 and 900.0 are the same value: the operator writes an Integer where the record holds a Double. */
  private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
      ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;

  static String sample(TrainerCommand command) throws IOException {
    try (InputStream in = OperatorShapedConfigsTest.class.getResourceAsStream("/configs/" + command.command() + ".json")) {
      assertThat(in).as("test resource configs/%s.json", command.command()).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @EnumSource(TrainerCommand.class)
  void readsTheOperatorsConfigAndWritesEveryKeyBack(TrainerCommand command) throws IOException {
    String json = sample(command);
    CommandConfig config = ContractJson.read(json, command.config());

    StageHeader header = config.header();
    assertThat(header.contractVersion()).isEqualTo(ContractVersion.CURRENT);
    assertThat(header.namespace()).isEqualTo("demo");
    assertThat(header.outputDir()).isEqualTo("/workspace/demo/" + header.owner() + "/" + header.stage());
    assertThat(header.checkpointEvery()).isEqualTo(Defaults.CHECKPOINT_EVERY);
    assertThat(header.metricsPort()).isEqualTo(Defaults.METRICS_PORT);
    String written = ContractJson.write(config);
    assertThat(PLAIN.readTree(written).equals(BY_VALUE, PLAIN.readTree(json)))
        .as("written back:\n%s\noriginal:\n%s", written, json).isTrue();
    assertThat(ContractJson.read(written, command.config())).isEqualTo(config);
  }

  @Test
  void nestedBlocksKeepTheirValues() throws IOException {
    DpoConfig dpo = ContractJson.read(sample(TrainerCommand.DPO), DpoConfig.class);
    assertThat(dpo.loss()).isEqualTo(DpoConfig.Loss.CDPO);
    assertThat(dpo.labelSmoothing()).isEqualTo(0.1);
    assertThat(dpo.training()).isEqualTo(new TrainingBlock(200, 32, 5e-4, 1.0, 7, null));
    assertThat(dpo.models().policy().architecture()).isEqualTo(new ArchitectureRef(ArchitectureRef.Preset.tiny, 2, 2, 64, 64));

    SftConfig sft = ContractJson.read(sample(TrainerCommand.SFT), SftConfig.class);
    assertThat(sft.model().chatTemplate()).startsWith("{% for m in messages %}").contains("\n{% endfor %}");
    assertThat(sft.model().maxLength()).isEqualTo(48);
    assertThat(sft.model().overlong()).isEqualTo(Overlong.reject);
    assertThat(sft.training().lora()).isEqualTo(new LoraBlock(4, 16, 0.05, List.of("q_proj", "v_proj"), LoraOutput.adapter));

    RewardConfig reward = ContractJson.read(sample(TrainerCommand.REWARD), RewardConfig.class);
    assertThat(reward.model()).isEqualTo(new ModelRef("file:///workspace/demo/models/gpt2",
        "file:///workspace/demo/models/gpt2/tokenizer.json", null, null, null, Overlong.truncate));
    assertThat(reward.training().lora()).isEqualTo(new LoraBlock(Defaults.LORA_RANK, Defaults.LORA_ALPHA,
        Defaults.LORA_DROPOUT, null, Defaults.LORA_OUTPUT));

    PpoActorConfig actor = ContractJson.read(sample(TrainerCommand.PPO_ACTOR), PpoActorConfig.class);
    assertThat(actor.ppo().topology()).isEqualTo(PpoBlock.Topology.Split);
    assertThat(actor.ppo().targetKl()).isEqualTo(6.0);
    assertThat(actor.ppo().klEstimator()).isNull();
    assertThat(actor.ppo().startupTimeoutSeconds()).isEqualTo(900.0);
    assertThat(actor.critic()).isEqualTo(new CriticBlock("http://run-ppo-critic.demo.svc:8080", Defaults.CRITIC_PORT, "/etc/alignment/critic/token"));

    SynthesizeConfig synthesize = ContractJson.read(sample(TrainerCommand.SYNTHESIZE), SynthesizeConfig.class);
    assertThat(synthesize.annotator())
        .isEqualTo(new AnnotatorBlock(AnnotatorBlock.Type.RewardModel, 0.1, "file:///workspace/demo/rm/reward/model"));

    ValidateDatasetConfig validate = ContractJson.read(sample(TrainerCommand.VALIDATE_DATASET), ValidateDatasetConfig.class);
    assertThat(validate.seed()).isNull();
    assertThat(validate.fields()).isEqualTo(new DatasetFields("prompt", "chosen", "rejected"));
  }

  @Test
  void summaryRoundTrips() {
    StageSummary summary = new StageSummary("file:///workspace/ns/run/dpo/model",
        Map.of(SummaryMetrics.GOLD_REWARD, 0.41, "rewards/accuracies", 0.93), "sha256:00ff", "trained 200 steps");
    assertThat(ContractJson.read(ContractJson.write(summary), StageSummary.class)).isEqualTo(summary);
    assertThat(ContractJson.read("{\"message\": \"bad input\"}", StageSummary.class))
        .isEqualTo(new StageSummary(null, null, null, "bad input"));
    assertThat(ContractJson.write(new StageSummary(null, null, null, "x"))).isEqualTo("{\"message\":\"x\"}");
  }

  @Test
  void everyCommandIsFoundByItsName() {
    for (TrainerCommand command : TrainerCommand.values()) {
      assertThat(TrainerCommand.of(command.command())).contains(command);
    }
    assertThat(TrainerCommand.of("ppo")).isEmpty();
  }
}
