package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the trained model is published besides the workspace: an s3:// prefix. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExportSpec {
  @JsonPropertyDescription("s3://<bucket>/<prefix> the stage that trains the final model uploads it to after saving it, "
      + "replacing the objects under that prefix, with the AWS_* credentials of the trainer pods' environment; the "
      + "server is the operator's s3Endpoint (docs/storage.md).")
  @Required
  @ValidationRule(
      value = "self.matches('^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$')",
      message = "must be s3://<bucket>/<prefix> with a valid bucket name")
  @Size(max = Bounds.URI_LENGTH)
  public String uri;
}
