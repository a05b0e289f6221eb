package dev.alignment.api.v1alpha1;

import dev.alignment.contract.Defaults;

/** Descriptions of spec fields that mean the same wherever they appear, written once. */
final class Descriptions {
  static final String MAX_GRAD_NORM = "Clip the gradients' global L2 norm to this before each optimizer step; 0 turns "
      + "clipping off. Default " + Defaults.MAX_GRAD_NORM + " (TRL's).";
  static final String RETRY_ON_OUT_OF_MEMORY = "true retries a stage whose trainer was killed at its memory limit "
      + "(OOMKilled) like any retryable failure, within maxRetries. Default false: such a stage fails at once, naming the "
      + "limit, since the same limit fails the same way; raise resources.memory instead.";

  static final String RUNTIME = "Name of the TrainerRuntime (cluster-scoped) the training stages run on; default the "
      + "operator's defaultRuntime (the reference DJL runtime the chart installs). Evaluation and dataset validation "
      + "always run on the operator's evalRuntime, so results are judged alike. A runtime that does not exist keeps the "
      + "resource Pending (reason RuntimeNotFound) until it is applied.";

  static final String ENV = "Environment variables of the trainer pods, each a plain value or a key of a Secret in "
      + "the same namespace (credentials for object storage or a model hub). Names must be permitted by the operator's "
      + "allowedEnvNames; the names the operator sets (OMP_NUM_THREADS, POD_NAME, ALIGNMENT_NAMESPACE, ALIGNMENT_OWNER, "
      + "ALIGNMENT_STAGE, ALIGNMENT_ATTEMPT) are refused.";
  static final String ENV_FROM = "Secrets in the same namespace whose every key becomes an environment variable of the "
      + "trainer pods, named <prefix><key>. Allowed only when the operator's allowedEnvNames permits every name "
      + "starting with the prefix (an entry such as AWS_* for the prefix AWS_, or * for none).";

  private Descriptions() {}
}
