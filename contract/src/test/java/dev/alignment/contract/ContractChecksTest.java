package dev.alignment.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Values a config's types admit but a stage cannot use are refused before any work, naming the key path. */
class ContractChecksTest {
  private static void refused(TrainerCommand command, String json, String message) {
    CommandConfig config = ContractJson.read(json, command.config());
    assertThatThrownBy(() -> ContractChecks.check(config)).isInstanceOf(ContractException.class).hasMessage(message);
  }

  @ParameterizedTest
  @EnumSource(TrainerCommand.class)
  void everyOperatorShapedConfigPasses(TrainerCommand command) throws IOException {
    CommandConfig config = ContractJson.read(OperatorShapedConfigsTest.sample(command), command.config());

    assertThatCode(() -> ContractChecks.check(config)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"rank": 0, "alpha": 8.0, "dropout": 0.0, "output": "merged"}                            | training.lora.rank: must be > 0, got 0
      {"rank": -3, "alpha": 8.0, "dropout": 0.0, "output": "merged"}                           | training.lora.rank: must be > 0, got -3
      {"rank": 8, "alpha": 0.0, "dropout": 0.0, "output": "merged"}                            | training.lora.alpha: must be a finite number > 0, got 0.0
      {"rank": 8, "alpha": -1.0, "dropout": 0.0, "output": "merged"}                           | training.lora.alpha: must be a finite number > 0, got -1.0
      {"rank": 8, "alpha": 8.0, "dropout": 1.0, "output": "merged"}                            | training.lora.dropout: must be in [0, 1), got 1.0
      {"rank": 8, "alpha": 8.0, "dropout": -0.1, "output": "merged"}                           | training.lora.dropout: must be in [0, 1), got -0.1
      {"rank": 8, "alpha": 8.0, "dropout": 0.0, "targetModules": [], "output": "merged"}       | training.lora.targetModules: must name at least one module (leave it out for the architecture's default), got []
      {"rank": 8, "alpha": 8.0, "dropout": 0.0, "targetModules": ["q_proj", "v proj"], "output": "merged"} | training.lora.targetModules[1]: must be a module name matching ^[A-Za-z_][A-Za-z0-9_.]*$, got "v proj"
      {"rank": 8, "alpha": 8.0, "dropout": 0.0, "targetModules": ["1st"], "output": "merged"}  | training.lora.targetModules[0]: must be a module name matching ^[A-Za-z_][A-Za-z0-9_.]*$, got "1st"
      """)
  void loraOutOfRangeIsNamed(String lora, String message) throws IOException {
    refused(TrainerCommand.SFT, withLora(TrainerCommand.SFT, lora), message);
  }

  @ParameterizedTest
  @EnumSource(value = TrainerCommand.class, names = {"REWARD", "DPO", "PPO_ACTOR", "PPO_CRITIC"})
  void everyTrainingStagesLoraIsChecked(TrainerCommand command) throws IOException {
    refused(command, withLora(command, "{\"rank\": 0, \"alpha\": 8.0, \"dropout\": 0.0, \"output\": \"merged\"}"),
        "training.lora.rank: must be > 0, got 0");
  }

  @ParameterizedTest
  @EnumSource(value = TrainerCommand.class, names = {"PPO_ACTOR", "PPO_CRITIC"})
  void aSplitConfigsCriticTokenFileMustNotBeBlank(TrainerCommand command) throws IOException {
    refused(command, OperatorShapedConfigsTest.sample(command).replace("\"tokenFile\": \"/etc/alignment/critic/token\"",
        "\"tokenFile\": \" \""), "critic.tokenFile: must not be blank");
  }

  /** The command's sample config with {@code lora} as its training block's lora, replacing any it has. */
  private static String withLora(TrainerCommand command, String lora) throws IOException {
    String json = OperatorShapedConfigsTest.sample(command).replaceFirst(", \"lora\": \\{[^}]*}", "");
    return json.replaceFirst("(\"training\": \\{[^}]*)}", "$1, \"lora\": " + Matcher.quoteReplacement(lora) + "}");
  }

  @Test
  void aModelsMaxLengthAndChatTemplateAreCheckedWhereverTheModelIs() throws IOException {
    refused(TrainerCommand.SFT, OperatorShapedConfigsTest.sample(TrainerCommand.SFT).replace("\"maxLength\": 48", "\"maxLength\": 0"),
        "model.maxLength: must be > 0, got 0");
    refused(TrainerCommand.SFT, OperatorShapedConfigsTest.sample(TrainerCommand.SFT).replaceFirst("\"chatTemplate\": \"[^\"]*\"", "\"chatTemplate\": \" \""),
        "model.chatTemplate: must not be blank (leave it out for the tokenizer's own)");
    refused(TrainerCommand.PPO_ACTOR, OperatorShapedConfigsTest.sample(TrainerCommand.PPO_ACTOR).replaceFirst("(\"reference\": \\{[^}]*)\"maxLength\": 64", "$1\"maxLength\": -1"),
        "reference.maxLength: must be > 0, got -1");
    refused(TrainerCommand.SYNTHESIZE, OperatorShapedConfigsTest.sample(TrainerCommand.SYNTHESIZE).replace("\"tokenizer\": \"builtin://words\"}", "\"tokenizer\": \"builtin://words\", \"chatTemplate\": \"\"}"),
        "policy.chatTemplate: must not be blank (leave it out for the tokenizer's own)");
    refused(TrainerCommand.EVAL, OperatorShapedConfigsTest.sample(TrainerCommand.EVAL).replaceFirst("(\"policy\": \\{[^}]*)}", "$1, \"maxLength\": 0}"),
        "policy.maxLength: must be > 0, got 0");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      "exportUri": "file:///workspace/out"       | exportUri: must be s3://<bucket>/<prefix> with a valid bucket name, got "file:///workspace/out"
      "exportUri": "s3://Bad_Bucket/models"      | exportUri: must be s3://<bucket>/<prefix> with a valid bucket name, got "s3://Bad_Bucket/models"
      "s3Endpoint": "localhost:8333"             | s3Endpoint: must be an http:// or https:// URL, got "localhost:8333"
      """)
  void objectStorageKeysAreChecked(String keys, String message) throws IOException {
    refused(TrainerCommand.SFT, withHeaderKeys(TrainerCommand.SFT, keys), message);
  }

  @Test
  void onlyAStageThatTrainsAModelExportsIt() throws IOException {
    refused(TrainerCommand.EVAL, withHeaderKeys(TrainerCommand.EVAL, "\"exportUri\": \"s3://models/eval\""),
        "exportUri: the eval stage trains no model to export");
    for (TrainerCommand command : new TrainerCommand[] {TrainerCommand.SFT, TrainerCommand.REWARD, TrainerCommand.DPO,
        TrainerCommand.PPO_ACTOR, TrainerCommand.PPO_CRITIC}) {
      CommandConfig config = ContractJson.read(withHeaderKeys(command,
          "\"exportUri\": \"s3://models/team-a/final\", \"s3Endpoint\": \"http://seaweedfs.storage.svc:8333\""), command.config());
      assertThatCode(() -> ContractChecks.check(config)).doesNotThrowAnyException();
    }
  }

  /** The command's sample config with {@code keys} added beside metricsPort. */
  private static String withHeaderKeys(TrainerCommand command, String keys) throws IOException {
    return OperatorShapedConfigsTest.sample(command).replaceFirst("\"metricsPort\": \\d+", "$0, " + Matcher.quoteReplacement(keys));
  }
}
