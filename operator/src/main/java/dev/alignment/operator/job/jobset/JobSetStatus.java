package dev.alignment.operator.job.jobset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the JobSet controller reports: its conditions (Completed, Failed, Suspended) and the group restarts so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobSetStatus {
  public List<Condition> conditions;
  public Integer restarts;
  public String terminalState;
}
