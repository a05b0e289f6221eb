package dev.alignment.operator.policy;

import java.util.List;

/** One rule of the operator's tenant policy over the spec fields that reach a trainer pod. */
interface PodPolicy {
  /** What this rule refuses in {@code overrides}; empty when it allows them all. */
  List<Refusal> check(PodOverrides overrides);
}
