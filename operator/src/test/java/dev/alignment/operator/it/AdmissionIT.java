package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.LoraSpec;
import dev.alignment.api.v1alpha1.ModelSpec;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CRDs' schema and CEL rules, checked by a real kube-apiserver at admission; for sweeps, their size where the
 * schema can (at most 8 parameters of 64 values and 100,000 samples): a grid's product is the operator's to check
 * (AlignmentSweepIT), as CEL cannot see the untyped values.
 */
class AdmissionIT {
  private static KubernetesClient client;
  private static String ns;

  @BeforeAll
  static void controlPlane() {
    ControlPlane plane = ControlPlane.get();
    client = plane.client;
    ns = plane.newNamespace("admission");
  }

  @Test
  void crdsAreInstalledWithShortNamesColumnsAndDescriptions() {
    CustomResourceDefinition runs =
        client.apiextensions().v1().customResourceDefinitions().withName("alignmentruns.alignment.dev").get();

    assertThat(runs.getSpec().getNames().getShortNames()).containsExactlyInAnyOrder("arun", "aruns");
    assertThat(runs.getSpec().getVersions().get(0).getAdditionalPrinterColumns()).extracting("name")
        .contains("Phase", "Algorithm", "Stage", "Progress", "Win-Rate", "Age");
    assertThat(runs.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();
    assertThat(runs.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec")
        .getProperties().get("training").getProperties().get("beta").getDescription())
        .startsWith("Strength of the KL regularisation");
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName("preferencedatasets.alignment.dev")
        .get().getSpec().getNames().getShortNames()).containsExactly("pds");
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName("rewardmodels.alignment.dev")
        .get().getSpec().getNames().getShortNames()).containsExactly("rm");
  }

  @Test
  void validManifestsAreAccepted() {
    assertThatCode(() -> apply(Manifests.dataset("ok-pds", "builtin://sentiment/preferences"))).doesNotThrowAnyException();
    assertThatCode(() -> apply(Manifests.rewardModel("ok-rm", "ok-pds"))).doesNotThrowAnyException();
    assertThatCode(() -> apply(Manifests.dpoRun("ok-run", "ok-pds", 1))).doesNotThrowAnyException();
    assertThatCode(() -> apply(Manifests.sweep("ok-sweep", 2, "noisy"))).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      two dataset sources      | kind: PreferenceDataset\\nspec:\\n  source:\\n    uri: builtin://sentiment/preferences\\n    configMap: {name: c, key: k}       | spec.source: set exactly one of uri, configMap or synthesize
      no dataset source        | kind: PreferenceDataset\\nspec:\\n  source: {}                                                                         | spec.source: set exactly one of uri, configMap or synthesize
      dataset uri scheme       | kind: PreferenceDataset\\nspec:\\n  source: {uri: gs://bucket/pairs.jsonl}                                            | spec.source.uri: Invalid value
      validation fraction      | kind: PreferenceDataset\\nspec:\\n  source: {uri: builtin://x}\\n  validationFraction: 0.6                             | spec.validationFraction: Invalid value: 0.6: spec.validationFraction in body should be less than or equal to 0.5
      annotator noise          | kind: PreferenceDataset\\nspec:\\n  source:\\n    synthesize: {policy: {uri: builtin://tiny}, prompts: {uri: builtin://p}, annotator: {type: Lexicon, noise: 0.7}, pairs: 10} | spec.source.synthesize.annotator.noise: Invalid value: 0.7
      annotator reward model   | kind: PreferenceDataset\\nspec:\\n  source:\\n    synthesize: {policy: {uri: builtin://tiny}, prompts: {uri: builtin://p}, annotator: {type: RewardModel}, pairs: 10} | rewardModel names the RewardModel to annotate with
      reward model both        | kind: RewardModel\\nspec:\\n  preferenceDataset: p\\n  import: {uri: file:///workspace/rm}                           | set exactly one of spec.preferenceDataset (train a reward model) or spec.import (use an existing checkpoint)
      reward model neither     | kind: RewardModel\\nspec:\\n  training: {steps: 10}                                                                   | set exactly one of spec.preferenceDataset (train a reward model) or spec.import
      reward model steps       | kind: RewardModel\\nspec:\\n  preferenceDataset: p\\n  training: {steps: 0}                                           | spec.training.steps: Invalid value: 0: spec.training.steps in body should be greater than or equal to 1
      dpo without dataset      | kind: AlignmentRun\\nspec:\\n  algorithm: DPO                                                                          | spec.preferenceDataset: Invalid value: \"object\": spec.preferenceDataset is required when spec.algorithm is DPO, IPO or CDPO
      ipo without dataset      | kind: AlignmentRun\\nspec:\\n  algorithm: IPO                                                                          | spec.preferenceDataset is required when spec.algorithm is DPO, IPO or CDPO
      ppo without reward model | kind: AlignmentRun\\nspec:\\n  algorithm: PPO                                                                          | spec.rewardModel: Invalid value: \"object\": spec.rewardModel is required when spec.algorithm is PPO or BestOfN
      bon without reward model | kind: AlignmentRun\\nspec:\\n  algorithm: BestOfN                                                                      | spec.rewardModel is required when spec.algorithm is PPO or BestOfN
      unknown algorithm        | kind: AlignmentRun\\nspec:\\n  algorithm: KTO\\n  preferenceDataset: p                                               | spec.algorithm: Unsupported value: \"KTO\"
      beta zero                | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {beta: 0}                         | spec.training.beta: Invalid value: 0: spec.training.beta in body should be greater than 0
      label smoothing range    | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {labelSmoothing: 0.6}             | spec.training.labelSmoothing: Invalid value: 0.6
      cdpo needs smoothing     | kind: AlignmentRun\\nspec:\\n  algorithm: CDPO\\n  preferenceDataset: p                                               | spec.training.labelSmoothing must be set above 0 when spec.algorithm is CDPO
      max grad norm negative   | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {maxGradNorm: -1}                 | spec.training.maxGradNorm: Invalid value: -1
      sft max grad norm huge   | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  sft: {preferenceDataset: p, maxGradNorm: 1e6} | spec.sft.maxGradNorm: Invalid value
      rm max grad norm string  | kind: RewardModel\\nspec:\\n  preferenceDataset: p\\n  training: {maxGradNorm: lots}                   | spec.training.maxGradNorm: Invalid value: \"string\"
      batch size zero          | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {batchSize: 0}                    | spec.training.batchSize: Invalid value: 0
      model uri scheme         | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {uri: hf://gpt2}                      | spec.model.uri: Invalid value: \"string\": must be builtin://<preset>, file:///workspace/<path>, s3://<bucket>/<prefix> or run://<alignmentrun>/<stage>
      sft with two datasets    | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  sft: {preferenceDataset: p, dataset: {uri: builtin://sentiment/sft}} | spec.sft: set exactly one of dataset
      missing algorithm        | kind: AlignmentRun\\nspec:\\n  preferenceDataset: p                                                                   | spec.algorithm: Required value
      gpus negative            | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  resources: {trainer: {gpus: -1}}            | spec.resources.trainer.gpus: Invalid value: -1
      max retries              | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  maxRetries: 50                              | spec.maxRetries: Invalid value: 50
      name too long            | kind: AlignmentRun\\nmetadata: {name: a-run-name-that-is-much-too-long-for-stage-jobs}\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p | metadata.name must be at most 40 characters
      checkpoint beyond int    | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  checkpointEvery: 99999999999               | spec.checkpointEvery: Invalid value: 99999999999: spec.checkpointEvery in body should be less than or equal to 10000000
      rm checkpoint beyond int | kind: RewardModel\\nspec:\\n  preferenceDataset: p\\n  checkpointEvery: 3000000000                                 | spec.checkpointEvery: Invalid value: 3000000000
      steps beyond int         | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {steps: 4294967296}               | spec.training.steps: Invalid value: 4294967296
      seed beyond 2^53         | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {seed: 9007199254740993}           | spec.training.seed: Invalid value
      pairs beyond int         | kind: PreferenceDataset\\nspec:\\n  source:\\n    synthesize: {policy: {uri: builtin://tiny}, prompts: {uri: builtin://p}, annotator: {type: Lexicon}, pairs: 99999999999} | spec.source.synthesize.pairs: Invalid value: 99999999999
      context beyond int       | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {uri: builtin://tiny, architecture: {contextLength: 99999999999}} | spec.model.architecture.contextLength: Invalid value
      ppo timeout beyond int   | kind: AlignmentRun\\nspec:\\n  algorithm: PPO\\n  rewardModel: r\\n  ppo: {startupTimeoutSeconds: 99999999999}                 | spec.ppo.startupTimeoutSeconds: Invalid value
      gpus beyond bound        | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  resources: {trainer: {gpus: 99999999999}}     | spec.resources.trainer.gpus: Invalid value
      cpu negative             | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  resources: {trainer: {cpu: "-1"}}             | spec.resources.trainer.cpu: Invalid value: \"\": must be a CPU quantity above 0 and at most 1024
      cpu not a quantity       | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  resources: {trainer: {cpu: lots}}             | spec.resources.trainer.cpu: Invalid value: \"\": must be a CPU quantity above 0 and at most 1024
      cpu 1e12                 | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  resources: {critic: {cpu: "1e12"}}            | spec.resources.critic.cpu: Invalid value: \"\": must be a CPU quantity above 0 and at most 1024
      memory not a quantity    | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  resources: {trainer: {memory: lots}}          | spec.resources.trainer.memory: Invalid value: \"\": must be a memory quantity above 0 and at most 64Ti
      dataset memory zero      | kind: PreferenceDataset\\nspec:\\n  source: {uri: builtin://x}\\n  resources: {memory: 0}                                  | spec.resources.memory: Invalid value: \"\": must be a memory quantity above 0
      empty image              | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  image: ""                                      | spec.image: Invalid value: \"\": spec.image in body should be at least 1 chars long
      image with space         | kind: RewardModel\\nspec:\\n  preferenceDataset: p\\n  image: "my image"                                                   | spec.image: Invalid value: \"my image\"
      queue name               | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  scheduling: {queueName: "my queue!"}           | spec.scheduling.queueName: Invalid value: \"my queue!\"
      dataset name pattern     | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: "Not_A_Name"                                      | spec.preferenceDataset: Invalid value: \"Not_A_Name\"
      reward model name long   | kind: AlignmentRun\\nspec:\\n  algorithm: PPO\\n  rewardModel: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa                                                  | spec.rewardModel: Too long: may not be more than 253
      claim name pattern       | kind: RewardModel\\nspec:\\n  preferenceDataset: p\\n  workspace: {claimName: "../etc"}                                   | spec.workspace.claimName: Invalid value: \"../etc\"
      run uri without stage    | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {uri: "run://other"}                 | spec.model.uri: Invalid value: \"string\": must be builtin://<preset>, file:///workspace/<path>, s3://<bucket>/<prefix> or run://<alignmentrun>/<stage>
      import uri without stage | kind: RewardModel\\nspec:\\n  import: {uri: "run://other"}                                                          | spec.import.uri: Invalid value: \"string\": must be file:///workspace/<path> or run://<alignmentrun>/<stage>
      sweep parallel beyond int| kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {parameters: [{field: algorithm, values: [DPO]}]}\\n  maxParallel: 99999999999 | spec.maxParallel: Invalid value: 99999999999
      sweep seed negative      | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {strategy: Random, samples: 1, seed: -1, parameters: [{field: algorithm, values: [DPO]}]} | spec.matrix.seed: Invalid value: -1
      sweep template invalid   | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: PPO}\\n  matrix: {parameters: [{field: training.beta, values: [0.1]}]} | spec.template.rewardModel: Invalid value: \\"object\\": spec.rewardModel is required when spec.algorithm is PPO or BestOfN
      sweep no parameters      | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {parameters: []}                                                  | spec.matrix.parameters: Invalid value: 0: spec.matrix.parameters in body should have at least 1 items
      sweep no values          | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {parameters: [{field: algorithm, values: []}]}                        | spec.matrix.parameters[0].values: Invalid value: 0
      sweep field path         | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {parameters: [{field: "training beta", values: [1]}]}                 | spec.matrix.parameters[0].field: Invalid value: \"training beta\"
      sweep repeated field     | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {parameters: [{field: algorithm, values: [DPO]}, {field: algorithm, values: [IPO]}]} | spec.matrix.parameters must name each field (or name) once
      sweep no field or name   | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {parameters: [{values: [{algorithm: IPO}]}]} | needs field (the spec field it sets) or, for values that set several fields together, name
      sweep random no samples  | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {strategy: Random, parameters: [{field: algorithm, values: [DPO]}]}   | spec.matrix.samples is required with strategy Random
      sweep grid with samples  | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {samples: 2, parameters: [{field: algorithm, values: [DPO]}]}         | spec.matrix.samples is required with strategy Random (how many cells to draw) and not allowed with Grid
      sweep max parallel       | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {parameters: [{field: algorithm, values: [DPO]}]}\\n  maxParallel: 0 | spec.maxParallel: Invalid value: 0
      sweep leaderboard metric | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {parameters: [{field: algorithm, values: [DPO]}]}\\n  leaderboard: {metric: loss} | spec.leaderboard.metric: Unsupported value: \"loss\"
      sweep name too long      | kind: AlignmentSweep\\nmetadata: {name: a-sweep-name-longer-than-31-chars}\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p}\\n  matrix: {parameters: [{field: algorithm, values: [DPO]}]} | metadata.name must be at most 31 characters
      max length below 8       | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {uri: builtin://gpt2-tiny, maxLength: 7}   | spec.model.maxLength: Invalid value: 7: spec.model.maxLength in body should be greater than or equal to 8
      max length above bound   | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {maxLength: 131073}                       | spec.model.maxLength: Invalid value: 131073: spec.model.maxLength in body should be less than or equal to 131072
      overlong unknown         | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {overlong: drop}                          | spec.model.overlong: Unsupported value: \"drop\"
      chat template blank      | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {chatTemplate: "  "}                      | spec.model.chatTemplate: Invalid value: \"  \"
      rm overlong unknown      | kind: RewardModel\\nspec:\\n  preferenceDataset: p\\n  model: {uri: file:///workspace/models/gpt2, overlong: cut}       | spec.model.overlong: Unsupported value: \"cut\"
      synthesize max length    | kind: PreferenceDataset\\nspec:\\n  source:\\n    synthesize: {policy: {uri: builtin://gpt2-small, maxLength: 0}, prompts: {uri: builtin://p}, annotator: {type: Lexicon}, pairs: 10} | spec.source.synthesize.policy.maxLength: Invalid value: 0
      lora rank zero           | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {rank: 0}}                      | spec.training.lora.rank: Invalid value: 0: spec.training.lora.rank in body should be greater than or equal to 1
      lora rank above bound    | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {rank: 1025}}                   | spec.training.lora.rank: Invalid value: 1025: spec.training.lora.rank in body should be less than or equal to 1024
      lora alpha zero          | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {alpha: 0}}                     | spec.training.lora.alpha: Invalid value: 0: spec.training.lora.alpha in body should be greater than 0
      lora alpha above bound   | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {alpha: 10001}}                 | spec.training.lora.alpha: Invalid value: 10001: spec.training.lora.alpha in body should be less than or equal to 10000
      lora dropout one         | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {dropout: 1}}                   | spec.training.lora.dropout: Invalid value: 1: spec.training.lora.dropout in body should be less than 1
      lora dropout negative    | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {dropout: -0.1}}                | spec.training.lora.dropout: Invalid value: -0.1: spec.training.lora.dropout in body should be greater than or equal to 0
      lora output unknown      | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {output: both}}                 | spec.training.lora.output: Unsupported value: \"both\"
      lora no target modules   | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {targetModules: []}}            | spec.training.lora.targetModules: Invalid value: 0: spec.training.lora.targetModules in body should have at least 1 items
      lora module name         | kind: AlignmentRun\\nspec:\\n  algorithm: PPO\\n  rewardModel: r\\n  training: {lora: {targetModules: [q_proj, "v proj"]}} | spec.training.lora.targetModules[1]: Invalid value: \"v proj\"
      lora module name digit   | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {targetModules: ["1st"]}}       | spec.training.lora.targetModules[0]: Invalid value: \"1st\"
      lora module name long    | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  training: {lora: {targetModules: [aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]}} | spec.training.lora.targetModules[0]: Too long: may not be more than 64
      sft lora rank            | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  sft: {preferenceDataset: p, lora: {rank: 0}}     | spec.sft.lora.rank: Invalid value: 0
      rm lora dropout          | kind: RewardModel\\nspec:\\n  preferenceDataset: p\\n  training: {lora: {dropout: 2}}                                   | spec.training.lora.dropout: Invalid value: 2
      run uri traversal        | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {uri: "run://x/../../tenant-b/victim/dpo"} | spec.model.uri: Invalid value: \"string\": must be builtin://<preset>, file:///workspace/<path>, s3://<bucket>/<prefix> or run://<alignmentrun>/<stage> (stage sft, dpo, ppo or reward)
      run name with dots       | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {uri: "run://a..b/dpo"} | spec.model.uri: Invalid value: \"string\": must be builtin://<preset>
      run stage without model  | kind: RewardModel\\nspec:\\n  import: {uri: "run://other/eval"} | spec.import.uri: Invalid value: \"string\": must be file:///workspace/<path> or run://<alignmentrun>/<stage> (stage sft, dpo, ppo or reward)
      file outside workspace   | kind: PreferenceDataset\\nspec:\\n  source: {uri: "file:///etc/passwd"} | spec.source.uri: Invalid value: \"string\": a file:// uri must be file:///workspace/<namespace>/<path>, the resource
      token as tokenizer       | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  model: {tokenizer: "file:///var/run/secrets/kubernetes.io/serviceaccount/token"} | spec.model.tokenizer: Invalid value: \"string\": a file:// uri must be file:///workspace/<namespace>/<path>, the resource
      file traversal           | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  promptDataset: {uri: "file:///workspace/team-a/../tenant-b/p.jsonl"} | spec.promptDataset.uri: Invalid value: \"string\": a file:// uri must be file:///workspace/<namespace>/<path>, the resource
      file percent traversal   | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  evaluation: {prompts: {uri: "file:///workspace/team-a/%2E%2e/tenant-b/p.jsonl"}} | spec.evaluation.prompts.uri: Invalid value: \"string\": a file:// uri must be file:///workspace/<namespace>/<path>, the resource
      file hidden slash        | kind: AlignmentRun\\nspec:\\n  algorithm: DPO\\n  preferenceDataset: p\\n  sft: {dataset: {uri: "file:///workspace/team-a/x%2f..%2fy.jsonl"}} | spec.sft.dataset.uri: Invalid value: \"string\": a file:// uri must be file:///workspace/<namespace>/<path>, the resource
      file empty segment       | kind: PreferenceDataset\\nspec:\\n  source:\\n    synthesize: {policy: {uri: builtin://tiny}, prompts: {uri: "file:///workspace/team-a//p.jsonl"}, annotator: {type: Lexicon}, pairs: 10} | spec.source.synthesize.prompts.uri: Invalid value: \"string\": a file:// uri must be file:///workspace/<namespace>/<path>, the resource
      import outside workspace | kind: RewardModel\\nspec:\\n  import: {uri: "file:///etc/shadow"} | spec.import.uri: Invalid value: \"string\": a file:// uri must be file:///workspace/<namespace>/<path>, the resource
      synthesize policy file   | kind: PreferenceDataset\\nspec:\\n  source:\\n    synthesize: {policy: {uri: "file:///root/model"}, prompts: {uri: builtin://p}, annotator: {type: Lexicon}, pairs: 10} | spec.source.synthesize.policy.uri: Invalid value: \"string\": a file:// uri must be file:///workspace/<namespace>/<path>, the resource
      http with credentials    | kind: PreferenceDataset\\nspec:\\n  source: {uri: "https://user:secret@example.com/pairs.jsonl"} | spec.source.uri: Invalid value: \"string\": an http(s) uri must name a host and carry no user information
      s3 bucket invalid        | kind: PreferenceDataset\\nspec:\\n  source: {uri: "s3://UPPER/pairs.jsonl"} | spec.source.uri: Invalid value: \"string\": an s3 uri must be s3://<bucket>/<key>
      configmap key dot-dot    | kind: PreferenceDataset\\nspec:\\n  source: {configMap: {name: c, key: ..}} | spec.source.configMap.key: Invalid value: \"string\": must not be
      sweep template lora      | kind: AlignmentSweep\\nspec:\\n  template: {algorithm: DPO, preferenceDataset: p, training: {lora: {rank: 0}}}\\n  matrix: {parameters: [{field: algorithm, values: [DPO]}]} | spec.template.training.lora.rank: Invalid value: 0
      """)
  void invalidManifestIsRejectedWithAMessageNamingTheField(String caseName, String body, String expected) {
    String yaml = "apiVersion: alignment.dev/v1alpha1\n" + body.replace("\\n", "\n").replace("\\\"", "\"");
    if (!yaml.contains("metadata:")) {
      yaml = yaml.replaceFirst("\nspec:", "\nmetadata: {name: bad}\nspec:");
    }
    String manifest = yaml;

    assertThatThrownBy(() -> apply(manifest))
        .as(caseName)
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(expected.replace("\\\"", "\""));
  }

  @Test
  void huggingFaceModelsChatTemplatesLengthsAndLoraAreAdmitted() {
    String model = """
        model:
          uri: %s
          chatTemplate: "{%% for m in messages %%}{{ m.role }}: {{ m.content }}\\n{%% endfor %%}"
          maxLength: %d
          overlong: %s
        """;
    assertThatCode(() -> apply(Manifests.of("AlignmentRun", "hf-run", """
        algorithm: DPO
        preferenceDataset: p
        sft:
          preferenceDataset: p
          lora: {rank: 1}
        training:
          lora: {rank: 1024, alpha: 10000, dropout: 0.999, targetModules: [q_proj, v_proj, model.layers.0.mlp], output: adapter}
        """ + model.formatted("builtin://gpt2-tiny", 8, "reject")))).doesNotThrowAnyException();
    assertThatCode(() -> apply(Manifests.of("RewardModel", "hf-rm", """
        preferenceDataset: p
        training: {lora: {alpha: 0.5, dropout: 0, output: merged}}
        """ + model.formatted("file:///workspace/models/gpt2", 131072, "truncate")))).doesNotThrowAnyException();
    assertThatCode(() -> apply(Manifests.of("PreferenceDataset", "hf-pds", """
        source:
          synthesize: {policy: {uri: builtin://gpt2-small}, prompts: {uri: builtin://p}, annotator: {type: Lexicon}, pairs: 10}
        """))).doesNotThrowAnyException();
    assertThatCode(() -> apply(Manifests.of("AlignmentSweep", "hf-sweep", """
        template: {algorithm: PPO, rewardModel: r, model: {uri: "file:///workspace/models/qwen2"}, training: {lora: {rank: 16}}}
        matrix: {parameters: [{field: training.lora.rank, values: [4, 8]}]}
        """))).doesNotThrowAnyException();

    // Kept as given, not pruned as unknown fields.
    AlignmentRunSpec run = client.resources(AlignmentRun.class).inNamespace(ns).withName("hf-run").get().getSpec();
    assertThat(run.model.chatTemplate).isEqualTo("{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}");
    assertThat(run.model.maxLength).isEqualTo(8);
    assertThat(run.model.overlong).isEqualTo(ModelSpec.Overlong.reject);
    assertThat(run.sft.lora.rank).isEqualTo(1);
    assertThat(run.training.lora.targetModules).containsExactly("q_proj", "v_proj", "model.layers.0.mlp");
    assertThat(run.training.lora.output).isEqualTo(LoraSpec.Output.adapter);
    RewardModelSpec rm = client.resources(RewardModel.class).inNamespace(ns).withName("hf-rm").get().getSpec();
    assertThat(rm.training.lora.alpha).isEqualTo(0.5);
    assertThat(rm.model.overlong).isEqualTo(ModelSpec.Overlong.truncate);
  }

  @Test
  void aChatTemplateOfAtMost64KiBIsAdmitted() {
    String ceiling = "x".repeat(65_536);

    assertThatCode(() -> apply(Manifests.of("AlignmentRun", "long-template", """
        algorithm: DPO
        preferenceDataset: p
        model: {chatTemplate: %s}
        """.formatted(ceiling)))).doesNotThrowAnyException();
    assertThatThrownBy(() -> apply(Manifests.of("AlignmentRun", "too-long-template", """
        algorithm: DPO
        preferenceDataset: p
        model: {chatTemplate: %s}
        """.formatted(ceiling + "x"))))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.model.chatTemplate: Too long: may not be more than 65536");
  }

  @Test
  void atMost32TargetModulesAreAdmitted() {
    String modules = IntStream.rangeClosed(1, 33).mapToObj(i -> "m" + i).collect(Collectors.joining(", "));

    assertThatCode(() -> apply(Manifests.of("RewardModel", "modules", "preferenceDataset: p\ntraining: {lora: {targetModules: ["
        + modules.substring(0, modules.lastIndexOf(',')) + "]}}"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> apply(Manifests.of("RewardModel", "too-many-modules",
        "preferenceDataset: p\ntraining: {lora: {targetModules: [" + modules + "]}}")))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.training.lora.targetModules: Too many: 33: must have at most 32 items");
  }

  @Test
  void aSampleUpToTheCeilingOfAnyGridIsAdmittedAndOneOverItIsRefused() {
    assertThatCode(() -> applySweep("random-ok", "strategy: Random, samples: 100000, ",
        List.of(64, 64, 64, 64, 64, 64, 64, 64))).doesNotThrowAnyException();

    assertThatThrownBy(() -> applySweep("random", "strategy: Random, samples: 100001, ", List.of(64, 64, 64)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.matrix.samples: Invalid value: 100001: spec.matrix.samples in body should be less "
            + "than or equal to 100000");
  }

  @Test
  void moreThanEightParametersOrSixtyFourValuesAreRefused() {
    assertThatThrownBy(() -> applySweep("wide", "", List.of(1, 1, 1, 1, 1, 1, 1, 1, 1)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.matrix.parameters: Too many: 9: must have at most 8 items");
    assertThatThrownBy(() -> applySweep("long", "", List.of(65)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.matrix.parameters[0].values: Too many: 65: must have at most 64 items");
  }

  /** A sweep whose parameter i takes {@code counts.get(i)} distinct numbers (a field per parameter). */
  private static void applySweep(String name, String strategy, List<Integer> counts) {
    String[] fields = {"training.seed", "training.steps", "training.batchSize", "maxRetries", "training.beta",
        "training.learningRate", "ppo.epochs", "evaluation.prompts", "ppo.klCoef"};
    String parameters = IntStream.range(0, counts.size())
        .mapToObj(i -> "{field: " + fields[i] + ", values: " + IntStream.rangeClosed(1, counts.get(i)).boxed().toList() + "}")
        .collect(Collectors.joining(", "));
    client.resource(Manifests.of("AlignmentSweep", name, """
        template: {algorithm: DPO, preferenceDataset: p}
        matrix: {%sparameters: [%s]}
        """.formatted(strategy, parameters))).inNamespace(ns).create();
  }

  private static void apply(String yaml) {
    client.resource(yaml).inNamespace(ns).create();
  }
}
