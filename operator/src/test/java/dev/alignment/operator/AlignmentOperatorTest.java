package dev.alignment.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

class AlignmentOperatorTest {
  private static ConfigBuilder certificate() {
    return new ConfigBuilder(Config.empty()).withClientCertData("Y2VydA==").withClientKeyData("a2V5");
  }

  @Test
  void aClientCertificateAloneNeedsNoTokenRefresh() {
    assertThat(AlignmentOperator.certificateOnly(certificate().build())).isTrue();
  }

  @Test
  void anythingWithATokenOrPasswordKeepsTheRefresh() {
    assertThat(AlignmentOperator.certificateOnly(certificate().withOauthToken("t").build())).isFalse();
    assertThat(AlignmentOperator.certificateOnly(certificate().withUsername("u").withPassword("p").build())).isFalse();
    assertThat(AlignmentOperator.certificateOnly(certificate().withOauthTokenProvider(() -> "t").build())).isFalse();
    assertThat(AlignmentOperator.certificateOnly(new ConfigBuilder(Config.empty()).withOauthToken("sa-token").build()))
        .as("in cluster: a service account token").isFalse();
  }
}
