package dev.alignment.operator.policy;

import dev.alignment.operator.config.AllowList;
import java.util.List;

/** spec.workspace.claimName: the operator's workspaceClaim, or a claim its allowedClaims permits. */
record ClaimPolicy(String workspaceClaim, AllowList allowedClaims) implements PodPolicy {
  @Override
  public List<Refusal> check(PodOverrides overrides) {
    String claim = overrides.claimName();
    if (claim == null || claim.equals(workspaceClaim) || allowedClaims.permits(claim)) {
      return List.of();
    }
    return List.of(Refusal.notAllowed("spec.workspace.claimName", claim, allowedClaims));
  }
}
