package dev.alignment.trainer.storage;

import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What an S3 failure means for the stage: wrong credentials, a missing bucket or object are bad input (exit 2), the
 * rest (server errors, an unreachable endpoint) retryable. Messages name the {@code s3://} URI, the S3 error code and
 * the HTTP status, never a credential nor the server's own text (which may quote the request).
 */
final class S3Failures {
  private static final Map<String, String> BAD_INPUT = Map.ofEntries(
      Map.entry("NoSuchBucket", "no such bucket"),
      Map.entry("NoSuchKey", "no such object"),
      Map.entry("NotFound", "no such bucket or object"),
      Map.entry("AccessDenied", "access denied: the credentials may not read or write here"),
      Map.entry("Forbidden", "access denied, or credentials the server does not accept"),
      Map.entry("AllAccessDisabled", "access to this bucket is disabled"),
      Map.entry("InvalidAccessKeyId", "the server knows no such access key id (" + S3Settings.ACCESS_KEY_ID + ")"),
      Map.entry("SignatureDoesNotMatch", "the secret key does not match the access key id ("
          + S3Settings.SECRET_ACCESS_KEY + ")"),
      Map.entry("InvalidToken", "the session token is malformed or invalid (" + S3Settings.SESSION_TOKEN + ")"),
      Map.entry("ExpiredToken", "the session token has expired (" + S3Settings.SESSION_TOKEN + ")"),
      Map.entry("AuthorizationHeaderMalformed", "the server refused the request's region (" + S3Settings.REGION + ")"),
      Map.entry("InvalidBucketName", "not a valid bucket name"));

  private S3Failures() {}

  /** The retryable exception to throw for {@code e}, raised reaching {@code uri}; bad input it throws itself. */
  static IOException of(S3Uri uri, SdkException e) {
    if (e instanceof S3Exception s3) {
      String code = code(s3);
      String status = "HTTP " + s3.statusCode();
      String meaning = BAD_INPUT.get(code);
      if (meaning != null) {
        throw new BadInputException(uri + ": " + code + " (" + status + "): " + meaning);
      }
      return new IOException(uri + ": " + code + " (" + status + ")");
    }
    if (e instanceof SdkClientException) {
      return new IOException(uri + ": the S3 endpoint did not answer: " + e.getMessage());
    }
    return new IOException(uri + ": " + e.getClass().getSimpleName());
  }

  /** The S3 error code; a HEAD response has no body to carry one, so its status stands in. */
  private static String code(S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if (code != null && !code.isBlank()) {
      return code;
    }
    return switch (e.statusCode()) {
      case 404 -> "NotFound";
      case 403 -> "Forbidden";
      default -> "HTTP" + e.statusCode();
    };
  }
}
