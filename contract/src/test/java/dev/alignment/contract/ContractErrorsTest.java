package dev.alignment.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A config that breaks the contract is refused with a message naming the key path and the problem. */
class ContractErrorsTest {
  private static String dpo() throws IOException {
    return OperatorShapedConfigsTest.sample(TrainerCommand.DPO);
  }

  private static void refused(String json, String message) {
    assertThatThrownBy(() -> ContractJson.read(json, DpoConfig.class))
        .isInstanceOf(ContractException.class)
        .hasMessage(message);
  }

  @Test
  void unknownKeyIsNamedWithWhereItWas() throws IOException {
    assertThatThrownBy(() -> ContractJson.read(dpo().replace("\"learningRate\"", "\"learningrate\""), DpoConfig.class))
        .isInstanceOf(ContractException.class)
        .hasMessageStartingWith("unknown key 'learningrate' at training (known keys: batchSize, learningRate,");
    assertThatThrownBy(() -> ContractJson.read(dpo().replace("\"beta\"", "\"betta\""), DpoConfig.class))
        .hasMessageStartingWith("unknown key 'betta' (known keys: beta, checkpointEvery,");
  }

  @Test
  void headerKeysAreCheckedLikeTheCommandsOwnKeys() throws IOException {
    // The header is a @JsonUnwrapped record: its keys stand at the top level, and so do the errors about them.
    refused(dpo().replace("\"owner\": \"run\",", ""), "missing required key 'owner'");
    refused(dpo().replace("\"checkpointEvery\": 50", "\"checkpointEvery\": \"50\""),
        "checkpointEvery: expected an integer, got \"50\"");
    assertThatThrownBy(() -> ContractJson.read(dpo().replace("\"stage\": \"dpo\",", "\"stage\": \"dpo\", \"retries\": 3,"), DpoConfig.class))
        .isInstanceOf(ContractException.class)
        .hasMessageStartingWith("unknown key 'retries' (known keys: beta, checkpointEvery, contractVersion, dataset,");
  }

  @Test
  void onlyKeysMarkedOptionalMayBeLeftOut() throws IOException {
    DpoConfig dpo = ContractJson.read(dpo().replace("\"labelSmoothing\": 0.1,", "").replace(", \"architecture\": {\"preset\": \"tiny\", \"layers\": 2, \"heads\": 2, \"hiddenSize\": 64, \"contextLength\": 64}", ""), DpoConfig.class);
    assertThat(dpo.labelSmoothing()).isNull();
    assertThat(dpo.models().policy().architecture()).isNull();
    refused(dpo().replace("\"tokenizer\": \"builtin://words\", ", ""), "missing required key 'tokenizer' at policy");
  }

  @Test
  void theModelsLengthAndTemplateKeysAndLoraAreOptional() throws IOException {
    DpoConfig dpo = ContractJson.read(dpo(), DpoConfig.class);
    assertThat(dpo.models().policy().chatTemplate()).isNull();
    assertThat(dpo.models().policy().maxLength()).isNull();
    assertThat(dpo.models().policy().overlong()).isNull();
    assertThat(dpo.training().lora()).isNull();
    assertThat(ContractJson.write(dpo)).doesNotContain("chatTemplate", "maxLength", "overlong", "lora");
  }

  @Test
  void loraKeysOtherThanTargetModulesAreRequiredAndItsOutputIsAnEnum() throws IOException {
    String lora = dpo().replace("\"seed\": 7}", "\"seed\": 7, \"lora\": {\"rank\": 8, \"alpha\": 8.0, \"dropout\": 0.0, \"output\": \"merged\"}}");
    assertThat(ContractJson.read(lora, DpoConfig.class).training().lora().targetModules()).isNull();
    refused(lora.replace("\"rank\": 8, ", ""), "missing required key 'rank' at training.lora");
    refused(lora.replace(", \"output\": \"merged\"", ""), "missing required key 'output' at training.lora");
    refused(lora.replace("\"merged\"", "\"both\""), "training.lora.output: expected one of [merged, adapter], got \"both\"");
    refused(lora.replace("\"output\"", "\"targetModules\": \"q_proj\", \"output\""),
        "training.lora.targetModules: expected an array, got \"q_proj\"");
    refused(dpo().replace("\"contextLength\": 64}}", "\"contextLength\": 64}, \"overlong\": \"drop\"}"),
        "policy.overlong: expected one of [truncate, reject], got \"drop\"");
    refused(dpo().replace("\"contextLength\": 64}}", "\"contextLength\": 64}, \"maxLength\": \"long\"}"),
        "policy.maxLength: expected an integer, got \"long\"");
  }

  @Test
  void missingRequiredKeyIsNamed() throws IOException {
    refused(dpo().replace("\"dataset\":", "\"unusedDataset\":").replace(",\n  \"unusedDataset\": \"file:///workspace/demo/prefs/validate\"", ""),
        "missing required key 'dataset'");
    refused(dpo().replace("\"steps\": 200, ", ""), "missing required key 'steps' at training");
    refused(dpo().replace("{\"uri\": \"file:///workspace/demo/run/sft/model\", ", "{"), "missing required key 'uri' at policy");
  }

  @Test
  void wrongTypeNamesTheKeyTheExpectedTypeAndTheValue() throws IOException {
    refused(dpo().replace("\"learningRate\": 0.0005", "\"learningRate\": \"fast\""),
        "training.learningRate: expected a number, got \"fast\"");
    refused(dpo().replace("\"steps\": 200", "\"steps\": \"200\""), "training.steps: expected an integer, got \"200\"");
    refused(dpo().replace("\"steps\": 200", "\"steps\": 2.5"), "training.steps: expected an integer, got 2.5");
    refused(dpo().replace("\"dataset\": \"file:///workspace/demo/prefs/validate\"", "\"dataset\": 5"),
        "dataset: expected a string, got 5");
    refused(dpo().replace("\"loss\": \"CDPO\"", "\"loss\": \"KTO\""), "loss: expected one of [DPO, IPO, CDPO], got \"KTO\"");
    refused(dpo().replace("\"training\": {", "\"training\": [{").replace("\"seed\": 7}", "\"seed\": 7}]"),
        "training: expected an object, got [{\"steps\":200,\"batchSize\":32,\"learningRate\":5.0E-4,\"maxGradNorm\":1.0,\"seed\":7}]");
    refused(dpo().replace("\"layers\": 2", "\"layers\": \"two\""), "policy.architecture.layers: expected an integer, got \"two\"");
  }

  @Test
  void outOfRangeIntegerIsNamed() throws IOException {
    refused(dpo().replace("\"steps\": 200", "\"steps\": 99999999999"),
        "training.steps: expected an integer in range, got 99999999999");
  }

  @Test
  void nullIsRefusedForEveryKey() throws IOException {
    refused(dpo().replace("\"dataset\": \"file:///workspace/demo/prefs/validate\"", "\"dataset\": null"),
        "dataset: must not be null");
    refused(dpo().replace("\"beta\": 0.1", "\"beta\": null"), "beta: must not be null");
    refused(dpo().replace("\"maxGradNorm\": 1.0", "\"maxGradNorm\": null"), "training.maxGradNorm: must not be null");
  }

  @Test
  void unknownContractVersionNamesBothVersions() throws IOException {
    refused(dpo().replace("\"contractVersion\": 1", "\"contractVersion\": 2"),
        "contractVersion 2 is not supported: this reader knows contractVersion 1");
    refused(dpo().replace("\"contractVersion\": 1", "\"contractVersion\": \"1\""),
        "contractVersion: expected an integer, got \"1\"");
    refused(dpo().replace("\"contractVersion\": 1,", ""), "missing required key 'contractVersion'");
  }

  @Test
  void documentThatIsNotAnObjectOrNotJsonIsRefused() throws IOException {
    refused("[]", "expected a JSON object, got []");
    refused("", "expected a JSON object, got nothing");
    assertThatThrownBy(() -> ContractJson.read("{\"stage\": ", DpoConfig.class))
        .isInstanceOf(ContractException.class).hasMessageStartingWith("not valid JSON: ").hasMessageContaining("line 1");
    assertThatThrownBy(() -> ContractJson.read(dpo().replace("\"beta\": 0.1", "\"beta\": 0.1, \"beta\": 0.2"), DpoConfig.class))
        .hasMessageStartingWith("not valid JSON: Duplicate field 'beta'");
  }
}
