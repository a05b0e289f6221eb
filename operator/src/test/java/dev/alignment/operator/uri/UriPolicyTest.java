package dev.alignment.operator.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.ModelSpec;
import dev.alignment.api.v1alpha1.UriSource;
import dev.alignment.contract.DpoConfig;
import dev.alignment.contract.HttpPolicy;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.RunPipeline;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UriPolicyTest {
  private static final Set<UriKind> ANY = EnumSet.allOf(UriKind.class);
  private final UriPolicy policy = Fixtures.URIS;

  @ParameterizedTest
  @ValueSource(strings = {
      "file:///etc/passwd",
      "file:///var/run/secrets/kubernetes.io/serviceaccount/token",
      "file:///workspace/tenant-b/victim/dpo/model",
      "file:///workspace/team-a/../tenant-b/victim/dpo/model",
      "file:///workspace/team-a/x/../../tenant-b/data.jsonl",
      "file:///workspace/team-a/./data.jsonl",
      "file:///workspace/team-a//data.jsonl",
      "file:///workspace/team-a",
      "file:///workspace/team-a/",
      "file:///workspace/team-ab/data.jsonl",
      "file:///workspace/team-a/%2e%2e/tenant-b/data.jsonl",
      "file:///workspace/team-a/%2E./tenant-b/data.jsonl",
      "file:///workspace/team-a/x%2f..%2f..%2ftenant-b/data.jsonl",
      "file:///workspace/team-a/%2e/data.jsonl",
      "file:///workspace/team-a/data%00.jsonl",
      "file://workspace/team-a/data.jsonl",
      "file://host/workspace/team-a/data.jsonl",
      "file://../workspace/team-a/data.jsonl",
  })
  void refusesFilesOutsideTheNamespacesWorkspace(String uri) {
    assertThatThrownBy(() -> policy.check("spec.model.uri", uri, "team-a", ANY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec.model.uri: '" + uri + "' is outside this namespace's workspace (file:///workspace/team-a/...)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "file:///workspace/team-a/data.jsonl",
      "file:///workspace/team-a/models/qwen2/",
      "file:///workspace/team-a/my%20file.jsonl",
      "file:///workspace/team-a/caf%C3%A9/..x/data.jsonl",
      "file:///workspace/team-a/run/dpo/model",
      "run://quickstart/sft",
      "run://my.run-2/dpo",
      "run://rm/reward",
      "builtin://tiny",
      "https://example.com/data.jsonl",
      "http://203.0.113.7:8080/data.jsonl",
      "https://[2001:db8::1]/data.jsonl",
  })
  void acceptsWhatStaysInReach(String uri) {
    assertThatCode(() -> policy.check("spec.model.uri", uri, "team-a", ANY)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "run://x/../../tenant-b/victim/dpo | must look like run://<alignmentrun>/<stage>",
      "run://../tenant-b/dpo | must look like run://<alignmentrun>/<stage>",
      "run://a..b/dpo | must look like run://<alignmentrun>/<stage>",
      "run://Upper/dpo | must look like run://<alignmentrun>/<stage>",
      "run://only-a-run | must look like run://<alignmentrun>/<stage>",
      "run:///dpo | must look like run://<alignmentrun>/<stage>",
      "run://x/dpo/ | must look like run://<alignmentrun>/<stage>",
      "run://x/eval | names stage 'eval', which writes no model",
      "run://x/checkpoints | names stage 'checkpoints', which writes no model",
  })
  void refusesRunUrisThatLeaveTheNamespaceOrNameNoModel(String uri, String why) {
    assertThatThrownBy(() -> policy.check("spec.import.uri", uri, "team-a", ANY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("spec.import.uri: '" + uri + "' ")
        .hasMessageContaining(why);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://169.254.169.254/latest/meta-data | names a link-local address, refused by the operator's http policy",
      "http://127.0.0.1:6443/api | names a loopback address, refused by the operator's http policy",
      "http://[::1]/x | names a loopback address, refused by the operator's http policy",
      "http://[::ffff:10.0.0.1]/x | names a private address, refused by the operator's http policy",
      "http://[fe80::1]/x | names a link-local address, refused by the operator's http policy",
      "http://[fd00::1]/x | names a private address, refused by the operator's http policy",
      "https://10.96.0.1/api | names a private address, refused by the operator's http policy",
      "https://172.20.1.1/x | names a private address, refused by the operator's http policy",
      "https://192.168.1.1/x | names a private address, refused by the operator's http policy",
      "https://100.64.0.1/x | names a carrier-grade NAT address, refused by the operator's http policy",
      "https://0.0.0.0/x | names an unspecified address, refused by the operator's http policy",
      "https://224.0.0.1/x | names a multicast address, refused by the operator's http policy",
      "https://user:secret@example.com/x | carries user information; credentials do not belong in a URI",
      "https:///x | names no host",
      "https://exa mple.com/x | is not a valid URI (Illegal character in authority)",
  })
  void refusesWhatTheHttpPolicyDecidesWithoutDns(String uri, String why) {
    assertThatThrownBy(() -> policy.check("spec.promptDataset.uri", uri, "team-a", ANY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec.promptDataset.uri: '" + uri + "' " + why);
  }

  @Test
  void allowedCidrsAndHostsLoosenAndNarrowTheHttpPolicy() {
    UriPolicy internal = new UriPolicy(new HttpPolicy(List.of("data.example.com", "*.corp.example"),
        List.of("10.20.0.0/16"), 1024), null);

    assertThatCode(() -> internal.check("f", "http://10.20.3.4/x", "ns", ANY)).doesNotThrowAnyException();
    assertThatCode(() -> internal.check("f", "https://DATA.example.com/x", "ns", ANY)).doesNotThrowAnyException();
    assertThatCode(() -> internal.check("f", "https://files.corp.example/x", "ns", ANY)).doesNotThrowAnyException();
    assertThatThrownBy(() -> internal.check("f", "http://10.21.0.1/x", "ns", ANY)).hasMessageContaining("a private address");
    assertThatThrownBy(() -> internal.check("f", "https://example.com/x", "ns", ANY))
        .hasMessage("f: 'https://example.com/x' host example.com is not in the operator's allowed hosts, refused by the "
            + "operator's http policy");
  }

  @Test
  void aFieldRefusesSchemesItDoesNotTake() {
    assertThatThrownBy(() -> policy.check("spec.model.tokenizer", "https://example.com/tokenizer.json", "ns",
        EnumSet.of(UriKind.BUILTIN, UriKind.FILE)))
        .hasMessage("spec.model.tokenizer: 'https://example.com/tokenizer.json' must be a builtin://, file:// URI");
    assertThatThrownBy(() -> policy.check("f", "s3://bucket/key", "ns", EnumSet.of(UriKind.FILE)))
        .hasMessageContaining("must be a file:// URI");
  }

  @Test
  void aBadCidrInTheOperatorConfigIsTheOperatorsFaultNotTheSpecs() {
    OperatorConfig d = OperatorConfig.defaults();
    OperatorConfig bad = new OperatorConfig(d.trainerImage(), d.imagePullPolicy(), d.workspaceClaim(), d.watchNamespaces(),
        d.metricsPort(), d.trainerCpu(), d.trainerMemory(), d.trainerServiceAccount(), d.retryBackoffSeconds(),
        d.retryBackoffMaxSeconds(), d.progressIntervalSeconds(), d.leaderElection(), d.leaseName(), d.leaseNamespace(),
        d.sweepMaxCells(), d.sweepCreateBatch(), d.sweepLeaderboardTop(), d.allowedImages(), d.allowedTolerationKeys(),
        d.allowedPriorityClasses(), d.allowedNodeSelectorKeys(), d.allowedClaims(), d.allowedEnvNames(),
        d.imagePullSecrets(), d.trainerActiveDeadlineSeconds(), List.of("example.com"), List.of("10.0.0.0/33"), 5,
        d.s3Endpoint(), d.defaultRuntime(), d.evalRuntime());

    assertThatThrownBy(() -> UriPolicy.of(bad)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("operator config httpAllowedCidrs: '10.0.0.0/33': the prefix length must be 0 to 32");
    assertThat(UriPolicy.of(d).http()).isEqualTo(HttpPolicy.DEFAULT);
  }

  @Test
  void aRunNamingAnotherTenantsFilesFailsNamingTheField() {
    AlignmentRun run = Fixtures.dpoRun("r");
    run.getSpec().model = new ModelSpec();
    run.getSpec().model.tokenizer = "file:///var/run/secrets/kubernetes.io/serviceaccount/token";
    Dependencies deps = new Dependencies(Map.of(), Map.of(), policy);

    assertThatThrownBy(() -> RunPipeline.stages(run, deps)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("spec.model.tokenizer: ");
    run.getSpec().model = null;
    run.getSpec().evaluation = new dev.alignment.api.v1alpha1.EvaluationSpec();
    run.getSpec().evaluation.prompts = new UriSource("file:///workspace/tenant-b/prompts.jsonl");
    assertThatThrownBy(() -> RunPipeline.stages(run, deps)).hasMessageStartingWith("spec.evaluation.prompts.uri: ");
  }

  @Test
  void everyStageConfigCarriesTheNamespaceRootAndTheHttpPolicy() {
    HttpPolicy http = new HttpPolicy(List.of(), List.of("10.0.0.0/8"), 99);
    DpoConfig dpo = (DpoConfig) RunPipeline.stages(Fixtures.dpoRun("r"),
        new Dependencies(Map.of(), Map.of(), new UriPolicy(http, null))).get(1).config();

    assertThat(dpo.header().workspaceRoot()).isEqualTo("/workspace/team-a");
    assertThat(dpo.header().httpPolicy()).isEqualTo(http);
  }
}
