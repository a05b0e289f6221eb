package dev.alignment.operator.stage;

/** A change the planner asks for; the reconciler carries it out. */
public sealed interface StageAction {
  /** Create the ConfigMap (if absent) and the Job for this attempt of a stage. */
  record CreateJob(String stage, int attempt) implements StageAction {}

  /** Delete a stage Job (its pods follow by garbage collection); used by suspend. */
  record DeleteJob(String stage, String jobName) implements StageAction {}
}
