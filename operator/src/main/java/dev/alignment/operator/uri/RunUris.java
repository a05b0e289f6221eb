package dev.alignment.operator.uri;

import dev.alignment.operator.stage.RewardModelPipeline;
import dev.alignment.operator.stage.RunPipeline;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code run://<name>/<stage>}: the model of a stage of another resource in the same namespace. The name must be a
 * Kubernetes object name (a DNS-1123 subdomain, so no {@code ..} and no {@code /}) and the stage one that writes a
 * model.
 */
public final class RunUris {
  /** Stages whose output is a model another resource may start from. */
  public static final Set<String> MODEL_STAGES = Set.of(RunPipeline.SFT, "dpo", "ppo", RewardModelPipeline.REWARD);
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int NAME_LENGTH = 253;

  private RunUris() {}

  /** The run's name and stage; an IllegalArgumentException naming the field if the URI is not one. */
  public static Ref parse(String field, String uri) {
    String[] parts = uri.substring(UriKind.RUN.prefix().length()).split("/", -1);
    if (parts.length != 2 || parts[0].length() > NAME_LENGTH || !NAME.matcher(parts[0]).matches()) {
      throw new IllegalArgumentException(field + ": '" + uri + "' must look like run://<alignmentrun>/<stage>, "
          + "the run a resource name in this namespace");
    }
    if (!MODEL_STAGES.contains(parts[1])) {
      throw new IllegalArgumentException(field + ": '" + uri + "' names stage '" + parts[1]
          + "', which writes no model; one of " + MODEL_STAGES.stream().sorted().toList());
    }
    return new Ref(parts[0], parts[1]);
  }

  /** A parsed run:// URI. */
  public record Ref(String name, String stage) {}
}
