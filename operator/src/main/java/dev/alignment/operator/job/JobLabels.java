package dev.alignment.operator.job;

/** Label and annotation keys on the Jobs, pods and ConfigMaps the operator creates. */
public final class JobLabels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OWNER_KIND = "alignment.dev/owner-kind";
  public static final String OWNER = "alignment.dev/owner";
  public static final String STAGE = "alignment.dev/stage";
  public static final String ATTEMPT = "alignment.dev/attempt";
  /** The role of a Job in a stage of several (PPO Split: actor, critic); absent on single-Job stages. */
  public static final String ROLE = "alignment.dev/role";
  public static final String KUEUE_QUEUE = "kueue.x-k8s.io/queue-name";
  /** Set on pods by the Job controller. */
  public static final String JOB_NAME = "batch.kubernetes.io/job-name";

  public static final String TRAINER = "alignment-trainer";
  public static final String OPERATOR = "alignment-operator";

  private JobLabels() {}

  /** Selects the stage Jobs owned by resources of one kind. */
  public static String selectorFor(String ownerKind) {
    return MANAGED_BY + "=" + OPERATOR + "," + OWNER_KIND + "=" + ownerKind;
  }
}
