package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.config.OperatorConfigLoader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator.yaml the Helm chart renders (real helm) is a config the operator loads, setting for setting. */
class ChartConfigIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  @Test
  void defaultValuesRenderEverySettingAtItsDefault() throws Exception {
    String rendered = operatorYaml();

    List<String> settings = Arrays.stream(OperatorConfig.class.getRecordComponents()).map(RecordComponent::getName).toList();
    List<String> keys = new ArrayList<>();
    YAML.readTree(rendered).fieldNames().forEachRemaining(keys::add);
    assertThat(keys).as("the chart renders every setting, so that its values, not the jar, decide them")
        .containsExactlyInAnyOrderElementsOf(settings);
    OperatorConfig loaded = OperatorConfigLoader.load(Files.writeString(dir.resolve("operator.yaml"), rendered), Map.of());
    assertThat(loaded).usingRecursiveComparison().ignoringFields("leaseNamespace").isEqualTo(OperatorConfig.defaults());
    assertThat(loaded.leaseNamespace()).as("the release's namespace, where the chart grants the Lease").isEqualTo("alignment-system");
  }

  @Test
  void everyTenantPolicyValueReachesItsSetting() throws Exception {
    Path values = Files.writeString(dir.resolve("values.yaml"), """
        trainer:
          imagePullSecrets: [regcred]
          activeDeadlineSeconds: 86400
        policy:
          allowedImages: [registry.example.com/alignment/*]
          allowedTolerationKeys: [nvidia.com/gpu]
          allowedPriorityClasses: [training-low]
          allowedNodeSelectorKeys: [node.kubernetes.io/instance-type]
          allowedClaims: [shared-models]
          allowedEnvNames: [HF_TOKEN]
        http:
          allowedHosts: [huggingface.co]
          allowedCidrs: [10.20.0.0/16]
          maxBytes: 10000000000
        s3:
          endpoint: http://seaweedfs.storage.svc:8333
        """);

    OperatorConfig loaded = OperatorConfigLoader.load(
        Files.writeString(dir.resolve("operator.yaml"), operatorYaml("-f", values.toString())), Map.of());

    assertThat(loaded.imagePullSecrets()).containsExactly("regcred");
    assertThat(loaded.trainerActiveDeadlineSeconds()).isEqualTo(86400);
    assertThat(loaded.allowedImages()).containsExactly("registry.example.com/alignment/*");
    assertThat(loaded.allowedTolerationKeys()).containsExactly("nvidia.com/gpu");
    assertThat(loaded.allowedPriorityClasses()).containsExactly("training-low");
    assertThat(loaded.allowedNodeSelectorKeys()).containsExactly("node.kubernetes.io/instance-type");
    assertThat(loaded.allowedClaims()).containsExactly("shared-models");
    assertThat(loaded.allowedEnvNames()).containsExactly("HF_TOKEN");
    assertThat(loaded.httpAllowedHosts()).containsExactly("huggingface.co");
    assertThat(loaded.httpAllowedCidrs()).containsExactly("10.20.0.0/16");
    assertThat(loaded.httpMaxBytes()).as("an integer, not the float 1e+10 helm holds").isEqualTo(10_000_000_000L);
    assertThat(loaded.s3Endpoint()).isEqualTo("http://seaweedfs.storage.svc:8333");
  }

  @Test
  void theRuntimeValuesReachTheirSettings() throws Exception {
    OperatorConfig loaded = OperatorConfigLoader.load(Files.writeString(dir.resolve("operator.yaml"),
        operatorYaml("--set", "runtimes.default=trl", "--set", "runtimes.eval=djl")), Map.of());

    assertThat(loaded.defaultRuntime()).isEqualTo("trl");
    assertThat(loaded.referenceRuntime()).isEqualTo("djl");
  }

  /** The operator.yaml of the chart's ConfigMap, rendered as `helm install alignment-operator` would. */
  private static String operatorYaml(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("--show-only", "templates/configmap.yaml"));
    command.addAll(List.of(args));
    JsonNode configMap = YAML.readTree(ChartTemplate.render("alignment-system", command.toArray(String[]::new)));
    assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
    return configMap.at("/data/operator.yaml").asText();
  }
}
