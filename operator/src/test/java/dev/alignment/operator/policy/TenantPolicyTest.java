package dev.alignment.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.api.v1alpha1.EnvFromSecret;
import dev.alignment.api.v1alpha1.EnvVariable;
import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TenantPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OPERATOR_ENV = Set.of("POD_NAME", "ALIGNMENT_STAGE");
  /** The defaults: trainerImage alignment-trainer:0.1.0, workspaceClaim alignment-workspace, lists as shipped. */
  private final TenantPolicy defaults = TenantPolicy.of(OperatorConfig.defaults(), OPERATOR_ENV);

  @Test
  void aSpecThatOverridesNothingIsAllowed() {
    assertThat(defaults.refusals(PodOverrides.NONE)).isEmpty();
  }

  @Test
  void theOperatorsOwnSettingsAreAllowedWhenASpecNamesThem() {
    PodOverrides own = new PodOverrides("alignment-trainer:0.1.0", "alignment-workspace", null, null, null);

    assertThat(defaults.refusals(own)).isEmpty();
  }

  @Test
  void everyRefusalIsReportedInSpecOrderAndEnforceThrowsThemAll() {
    Scheduling scheduling = new Scheduling();
    scheduling.priorityClassName = "system-node-critical";
    scheduling.tolerations = List.of(toleration(null));
    PodOverrides hostile = new PodOverrides("evil:latest", "tenant-b-data", scheduling,
        List.of(new EnvVariable("LD_PRELOAD", "/workspace/evil.so")), null);

    assertThat(defaults.refusals(hostile)).extracting(Refusal::field).containsExactly(
        "spec.image", "spec.workspace.claimName", "spec.scheduling.tolerations[0].key",
        "spec.scheduling.priorityClassName", "spec.env[0].name");
    assertThatThrownBy(() -> defaults.enforce(hostile)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("spec.image \"evil:latest\" is not allowed by the operator's allowedImages "
            + "(Helm value policy.allowedImages); spec.workspace.claimName \"tenant-b-data\"");
  }

  @Test
  void everySettingNamedInARefusalIsAnOperatorConfigSetting() {
    Scheduling scheduling = new Scheduling();
    scheduling.priorityClassName = "p";
    scheduling.nodeSelector = Map.of("k", "v");
    scheduling.tolerations = List.of(toleration("t"));
    PodOverrides everything = new PodOverrides("i", "c", scheduling, List.of(new EnvVariable("E", "v")),
        List.of(new EnvFromSecret(null, "s")));
    List<String> settings = Arrays.stream(OperatorConfig.class.getRecordComponents()).map(c -> c.getName()).toList();

    List<Refusal> refusals = defaults.refusals(everything);

    assertThat(refusals).hasSize(7);
    assertThat(refusals).allSatisfy(r -> assertThat(settings).anySatisfy(
        s -> assertThat(r.message()).contains("the operator's " + s + " (Helm value policy." + s + ")")));
  }

  @Nested
  class Images {
    @Test
    void anImageOtherThanTheTrainerImageNeedsAnAllowListEntry() {
      TenantPolicy policy = policy(Map.of("allowedImages", List.of("registry.example/team-a/*", "trl:1.0")));

      assertThat(policy.refusals(image("registry.example/team-a/trainer:2"))).isEmpty();
      assertThat(policy.refusals(image("trl:1.0"))).isEmpty();
      assertThat(policy.refusals(image("trl:1.1"))).extracting(Refusal::message).containsExactly(
          "spec.image \"trl:1.1\" is not allowed by the operator's allowedImages (Helm value policy.allowedImages)");
      assertThat(policy.refusals(image("registry.example/team-b/trainer:2"))).hasSize(1);
    }

    @Test
    void byDefaultOnlyTheTrainerImageIsAllowed() {
      assertThat(defaults.refusals(image("alignment-trainer:0.1.1"))).singleElement()
          .satisfies(r -> assertThat(r.field()).isEqualTo("spec.image"));
    }

    private static PodOverrides image(String image) {
      return new PodOverrides(image, null, null, null, null);
    }
  }

  @Nested
  class Claims {
    @Test
    void aClaimOtherThanTheWorkspaceClaimNeedsAnAllowListEntry() {
      TenantPolicy policy = policy(Map.of("allowedClaims", List.of("scratch-*")));

      assertThat(policy.refusals(claim("alignment-workspace"))).isEmpty();
      assertThat(policy.refusals(claim("scratch-1"))).isEmpty();
      assertThat(policy.refusals(claim("models"))).extracting(Refusal::message).containsExactly(
          "spec.workspace.claimName \"models\" is not allowed by the operator's allowedClaims "
              + "(Helm value policy.allowedClaims)");
    }

    private static PodOverrides claim(String claim) {
      return new PodOverrides(null, claim, null, null, null);
    }
  }

  @Nested
  class Tolerations {
    @Test
    void onlyAllowedKeysAndAKeylessTolerationTheWildcardAlone() {
      TenantPolicy gpus = policy(Map.of("allowedTolerationKeys", List.of("nvidia.com/*")));
      TenantPolicy any = policy(Map.of("allowedTolerationKeys", List.of("*")));

      assertThat(gpus.refusals(tolerating(toleration("nvidia.com/gpu")))).isEmpty();
      assertThat(gpus.refusals(tolerating(toleration("nvidia.com/gpu"), toleration("node.kubernetes.io/unschedulable"),
          toleration(null)))).extracting(Refusal::message).containsExactly(
          "spec.scheduling.tolerations[1].key \"node.kubernetes.io/unschedulable\" is not allowed by the operator's "
              + "allowedTolerationKeys (Helm value policy.allowedTolerationKeys)",
          "spec.scheduling.tolerations[2].key \"\" is not allowed by the operator's allowedTolerationKeys "
              + "(Helm value policy.allowedTolerationKeys)");
      assertThat(any.refusals(tolerating(toleration(null)))).as("every taint, when the operator says so").isEmpty();
      assertThat(defaults.refusals(tolerating(toleration("nvidia.com/gpu")))).hasSize(1);
    }

    private static PodOverrides tolerating(Toleration... tolerations) {
      Scheduling scheduling = new Scheduling();
      scheduling.tolerations = List.of(tolerations);
      return new PodOverrides(null, null, scheduling, null, null);
    }
  }

  @Nested
  class PriorityClasses {
    @Test
    void onlyAllowedPriorityClasses() {
      TenantPolicy policy = policy(Map.of("allowedPriorityClasses", List.of("research", "batch-*")));

      assertThat(policy.refusals(priority("research"))).isEmpty();
      assertThat(policy.refusals(priority("batch-low"))).isEmpty();
      assertThat(policy.refusals(priority("system-node-critical"))).extracting(Refusal::message).containsExactly(
          "spec.scheduling.priorityClassName \"system-node-critical\" is not allowed by the operator's "
              + "allowedPriorityClasses (Helm value policy.allowedPriorityClasses)");
      assertThat(defaults.refusals(priority("research"))).hasSize(1);
    }

    private static PodOverrides priority(String name) {
      Scheduling scheduling = new Scheduling();
      scheduling.priorityClassName = name;
      return new PodOverrides(null, null, scheduling, null, null);
    }
  }

  @Nested
  class NodeSelectors {
    @Test
    void onlyAllowedKeysWhateverTheirValues() {
      TenantPolicy policy = policy(Map.of("allowedNodeSelectorKeys", List.of("gpu-type")));
      Map<String, String> selector = new LinkedHashMap<>();
      selector.put("kubernetes.io/hostname", "control-plane");
      selector.put("gpu-type", "h100");

      assertThat(policy.refusals(selecting(Map.of("gpu-type", "anything")))).isEmpty();
      assertThat(policy.refusals(selecting(selector))).extracting(Refusal::message).containsExactly(
          "spec.scheduling.nodeSelector key \"kubernetes.io/hostname\" is not allowed by the operator's "
              + "allowedNodeSelectorKeys (Helm value policy.allowedNodeSelectorKeys)");
      assertThat(defaults.refusals(selecting(Map.of("gpu-type", "h100")))).hasSize(1);
    }

    private static PodOverrides selecting(Map<String, String> selector) {
      Scheduling scheduling = new Scheduling();
      scheduling.nodeSelector = selector;
      return new PodOverrides(null, null, scheduling, null, null);
    }
  }

  @Nested
  class Env {
    @Test
    void namesMustBeAllowedWhetherPlainOrFromASecret() {
      assertThat(defaults.refusals(env(new EnvVariable("AWS_REGION", "eu-west-1"), new EnvVariable("HF_TOKEN", null))))
          .as("the shipped list: object-storage and hub credentials").isEmpty();
      assertThat(defaults.refusals(env(new EnvVariable("AWS_REGION", "x"), new EnvVariable("JAVA_TOOL_OPTIONS", "x"))))
          .extracting(Refusal::message).containsExactly("spec.env[1].name \"JAVA_TOOL_OPTIONS\" is not allowed by the "
              + "operator's allowedEnvNames (Helm value policy.allowedEnvNames)");
    }

    @Test
    void theOperatorsOwnVariablesAreRefusedEvenWhenEveryNameIsAllowed() {
      TenantPolicy any = policy(Map.of("allowedEnvNames", List.of("*")));

      assertThat(any.refusals(env(new EnvVariable("ALIGNMENT_STAGE", "eval")))).extracting(Refusal::message)
          .containsExactly("spec.env[0].name \"ALIGNMENT_STAGE\" is set by the operator and cannot be overridden");
    }

    @Test
    void envFromNeedsAnEntryCoveringEveryNameWithItsPrefix() {
      TenantPolicy aws = policy(Map.of("allowedEnvNames", List.of("AWS_*", "HF_TOKEN")));
      TenantPolicy any = policy(Map.of("allowedEnvNames", List.of("*")));

      assertThat(aws.refusals(envFrom(new EnvFromSecret("AWS_", "s3")))).isEmpty();
      assertThat(aws.refusals(envFrom(new EnvFromSecret("AWS_S3_", "s3")))).isEmpty();
      assertThat(aws.refusals(envFrom(new EnvFromSecret("HF_", "hub"), new EnvFromSecret(null, "all"))))
          .extracting(Refusal::message).containsExactly(
              "spec.envFrom[0] (Secret \"hub\", prefix \"HF_\") is not allowed by the operator's allowedEnvNames "
                  + "(Helm value policy.allowedEnvNames): it must permit every name starting with \"HF_\", with an "
                  + "entry such as \"HF_*\"",
              "spec.envFrom[1] (Secret \"all\", prefix \"\") is not allowed by the operator's allowedEnvNames "
                  + "(Helm value policy.allowedEnvNames): it must permit every name starting with \"\", with an "
                  + "entry \"*\"");
      assertThat(defaults.refusals(envFrom(new EnvFromSecret("AWS_", "s3")))).as("exact names cover no prefix")
          .hasSize(1);
      assertThat(any.refusals(envFrom(new EnvFromSecret(null, "all")))).isEmpty();
    }

    private static PodOverrides env(EnvVariable... env) {
      return new PodOverrides(null, null, null, List.of(env), null);
    }

    private static PodOverrides envFrom(EnvFromSecret... envFrom) {
      return new PodOverrides(null, null, null, null, List.of(envFrom));
    }
  }

  /** The default config with some allow-lists set, by setting name. */
  @SuppressWarnings("unchecked")
  private static TenantPolicy policy(Map<String, Object> settings) {
    Map<String, Object> values = new LinkedHashMap<>(JSON.convertValue(OperatorConfig.defaults(), Map.class));
    values.putAll(settings);
    return TenantPolicy.of(JSON.convertValue(values, OperatorConfig.class), OPERATOR_ENV);
  }

  private static Toleration toleration(String key) {
    return new TolerationBuilder().withKey(key).withOperator("Exists").build();
  }
}
