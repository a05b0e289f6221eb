package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import dev.alignment.operator.AlignmentOperator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * URIs the CRD's rules admit but the operator refuses (another namespace's files, addresses its http policy
 * forbids): the resource fails with InvalidSpec naming the field, and no Job is made. An allowed URI's stage
 * config carries the namespace's root and the operator's http policy to the trainer.
 */
class UriConfinementIT extends ControlPlaneTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static AlignmentOperator operator;
  private static String ns;

  @BeforeAll
  static void start() throws IOException {
    ns = plane.newNamespace("uris");
    operator = AlignmentOperator.start(client, TestOperatorConfig.with(
        Map.of("httpAllowedCidrs", List.of("10.20.0.0/16"), "httpMaxBytes", 1_048_576)));
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      foreign-file   | file:///workspace/tenant-b/pairs.jsonl       | is outside this namespace's workspace (file:///workspace/%s/...)
      metadata       | http://169.254.169.254/latest/meta-data/     | names a link-local address, refused by the operator's http policy
      api-server     | https://10.96.0.1/api/v1/secrets             | names a private address, refused by the operator's http policy
      """)
  void aDatasetNamingWhatItMayNotReachFailsNamingTheField(String name, String uri, String why) {
    client.resource(Manifests.dataset(name, "\"" + uri + "\"")).inNamespace(ns).create();

    PreferenceDataset failed = await().atMost(TIMEOUT).until(
        () -> client.resources(PreferenceDataset.class).inNamespace(ns).withName(name).get(),
        d -> d.getStatus() != null && d.getStatus().phase == DatasetPhase.Failed);
    assertThat(failed.getStatus().message)
        .isEqualTo("invalid spec: spec.source.uri: '" + uri + "' " + why.formatted(ns));
    assertThat(client.batch().v1().jobs().inNamespace(ns).withLabel("alignment.dev/owner", name).list().getItems())
        .isEmpty();
  }

  @Test
  void anImportedCheckpointOfAnotherNamespaceIsNotImported() {
    String uri = "file:///workspace/tenant-b/victim/reward/model";
    client.resource(Manifests.importedRewardModel("stolen", uri)).inNamespace(ns).create();

    RewardModel failed = await().atMost(TIMEOUT).until(
        () -> client.resources(RewardModel.class).inNamespace(ns).withName("stolen").get(),
        r -> r.getStatus() != null && r.getStatus().phase == RewardModelPhase.Failed);
    assertThat(failed.getStatus().message).isEqualTo("invalid spec: spec.import.uri: '" + uri
        + "' is outside this namespace's workspace (file:///workspace/" + ns + "/...)");
    assertThat(failed.getStatus().checkpoint).isNull();
  }

  @Test
  void anAllowedUrisStageConfigCarriesTheRootAndTheHttpPolicy() {
    client.resource(Manifests.dataset("internal", "\"http://10.20.0.7/pairs.jsonl\"")).inNamespace(ns).create();

    await().atMost(TIMEOUT).until(
        () -> client.batch().v1().jobs().inNamespace(ns).withName("internal-validate-1").get(), job -> job != null);
    String config = client.configMaps().inNamespace(ns).withName("internal-validate-config").get().getData()
        .values().iterator().next();
    assertThat(config).contains("\"workspaceRoot\" : \"/workspace/" + ns + "\"")
        .contains("\"allowedCidrs\" : [ \"10.20.0.0/16\" ]")
        .contains("\"maxBytes\" : 1048576");
  }
}
