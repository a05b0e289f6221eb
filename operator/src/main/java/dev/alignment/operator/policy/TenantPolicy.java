package dev.alignment.operator.policy;

import dev.alignment.operator.config.AllowList;
import dev.alignment.operator.config.OperatorConfig;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's policy over what a tenant's spec puts into trainer pods: every {@link PodPolicy} built from the
 * operator config's allow-lists. The defaults allow nothing beyond the operator's own settings.
 */
public final class TenantPolicy {
  private final List<PodPolicy> policies;

  private TenantPolicy(List<PodPolicy> policies) {
    this.policies = policies;
  }

  /** @param operatorEnv environment variables the operator sets in trainer pods, which no spec may override */
  public static TenantPolicy of(OperatorConfig config, Set<String> operatorEnv) {
    return new TenantPolicy(List.of(
        new ImagePolicy(config.trainerImage(), new AllowList("allowedImages", config.allowedImages())),
        new ClaimPolicy(config.workspaceClaim(), new AllowList("allowedClaims", config.allowedClaims())),
        new TolerationPolicy(new AllowList("allowedTolerationKeys", config.allowedTolerationKeys())),
        new PriorityClassPolicy(new AllowList("allowedPriorityClasses", config.allowedPriorityClasses())),
        new NodeSelectorPolicy(new AllowList("allowedNodeSelectorKeys", config.allowedNodeSelectorKeys())),
        new EnvPolicy(new AllowList("allowedEnvNames", config.allowedEnvNames()), operatorEnv)));
  }

  /** Everything the policy refuses in {@code overrides}, in the order of the spec's fields; empty if allowed. */
  public List<Refusal> refusals(PodOverrides overrides) {
    return policies.stream().flatMap(p -> p.check(overrides).stream()).toList();
  }

  /**
   * Throws when the policy refuses anything, naming each field and the setting that would allow it: an
   * IllegalArgumentException, so the resource fails as an invalid spec before any Job is created.
   */
  public void enforce(PodOverrides overrides) {
    List<Refusal> refusals = refusals(overrides);
    if (!refusals.isEmpty()) {
      throw new IllegalArgumentException(refusals.stream().map(Refusal::message).collect(Collectors.joining("; ")));
    }
  }
}
