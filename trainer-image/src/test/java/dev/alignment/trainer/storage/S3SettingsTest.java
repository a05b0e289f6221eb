package dev.alignment.trainer.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.trainer.base.BadInputException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

/** The stage's S3 settings from its environment and config: credentials, region, endpoint; no secret in its text. */
class S3SettingsTest {
  private static final String SECRET = "wJalrXUtnFEMI-not-a-real-secret";

  @Test
  void takesTheStandardAwsVariablesAndTheConfigsEndpoint() {
    S3Settings s = S3Settings.of(Map.of("AWS_ACCESS_KEY_ID", "AKIDTEAMA", "AWS_SECRET_ACCESS_KEY", SECRET,
        "AWS_SESSION_TOKEN", "token", "AWS_REGION", "eu-west-1"), "http://seaweedfs.storage.svc:8333");

    assertThat(s.endpoint()).isEqualTo(URI.create("http://seaweedfs.storage.svc:8333"));
    assertThat(s.region()).isEqualTo(Region.EU_WEST_1);
    AwsSessionCredentials credentials = (AwsSessionCredentials) s.credentials().resolveCredentials();
    assertThat(credentials.accessKeyId()).isEqualTo("AKIDTEAMA");
    assertThat(credentials.sessionToken()).isEqualTo("token");
    assertThat(s.toString()).doesNotContain(SECRET).doesNotContain("AKIDTEAMA");
  }

  @Test
  void withoutKeysRequestsAreAnonymousInTheDefaultRegionOnAws() {
    S3Settings s = S3Settings.of(Map.of(), null);

    assertThat(s.endpoint()).isNull();
    assertThat(s.region()).isEqualTo(Region.US_EAST_1);
    assertThat(s.credentials()).isInstanceOf(AnonymousCredentialsProvider.class);
  }

  @Test
  void halfAKeyPairIsBadInputNamingTheMissingVariable() {
    assertThatThrownBy(() -> S3Settings.of(Map.of("AWS_ACCESS_KEY_ID", "AKIDTEAMA"), null))
        .isInstanceOf(BadInputException.class)
        .hasMessage("s3 credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together; AWS_SECRET_ACCESS_KEY is not set");
  }
}
