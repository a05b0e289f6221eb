package dev.alignment.operator.job.jobset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.List;

/** A JobSet's spec: its replicated Jobs, their network, its failure policy and whether it is suspended. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobSetSpec {
  public List<ReplicatedJob> replicatedJobs;
  public Network network;
  public FailurePolicy failurePolicy;
  /** Created suspended when Kueue admits it: Kueue unsuspends it once the whole group fits. */
  public Boolean suspend;

  /** {@code replicas} copies of one Job template, named {@code <jobset>-<name>-<index>}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class ReplicatedJob {
    public String name;
    public Integer replicas;
    public JobTemplateSpec template;

    public ReplicatedJob() {}

    public ReplicatedJob(String name, Integer replicas, JobTemplateSpec template) {
      this.name = name;
      this.replicas = replicas;
      this.template = template;
    }
  }

  /** Pod hostnames {@code <jobset>-<replicatedJob>-<jobIndex>-<podIndex>} under a headless Service. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Network {
    public Boolean enableDNSHostnames;
    public Boolean publishNotReadyAddresses;
  }

  /** How many times a child Job's failure restarts the whole group, and the failures that end it at once. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class FailurePolicy {
    public Integer maxRestarts;
    public List<Rule> rules;
  }

  /** What a child Job's failure with one of {@code onJobFailureReasons} does to the JobSet. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Rule {
    public String name;
    public String action;
    public List<String> onJobFailureReasons;

    public Rule() {}

    public Rule(String name, String action, List<String> onJobFailureReasons) {
      this.name = name;
      this.action = action;
      this.onJobFailureReasons = onJobFailureReasons;
    }
  }
}
