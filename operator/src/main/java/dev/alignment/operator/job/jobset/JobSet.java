package dev.alignment.operator.job.jobset;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The part of the JobSet API (jobset.x-k8s.io/v1alpha2, kubernetes-sigs/jobset) that the operator writes and reads:
 * a group of Jobs started, restarted, admitted and failed as one. The fields it does not model (those the JobSet
 * webhook defaults, those of later versions) are ignored on reading.
 */
@Group(JobSet.GROUP)
@Version(JobSet.VERSION)
@Kind("JobSet")
@Plural("jobsets")
public class JobSet extends CustomResource<JobSetSpec, JobSetStatus> implements Namespaced {
  public static final String GROUP = "jobset.x-k8s.io";
  public static final String VERSION = "v1alpha2";
  /** Label the JobSet controller gives its child Jobs and their pods. */
  public static final String NAME_LABEL = "jobset.sigs.k8s.io/jobset-name";
  /** Label naming the replicated Job a child Job or pod belongs to. */
  public static final String REPLICATED_JOB_LABEL = "jobset.sigs.k8s.io/replicatedjob-name";
  /** Label of a child Job's pods: how many times the group was restarted before it was created. */
  public static final String RESTART_ATTEMPT_LABEL = "jobset.sigs.k8s.io/restart-attempt";

  private static final long serialVersionUID = 1L;
}
