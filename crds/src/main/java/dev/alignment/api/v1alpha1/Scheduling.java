package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Where and with what priority the trainer pods run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Scheduling {
  @JsonPropertyDescription("Node labels the trainer pods must match, e.g. a GPU type.")
  public Map<String, String> nodeSelector;

  @JsonPropertyDescription("Taints the trainer pods tolerate, e.g. nvidia.com/gpu:NoSchedule.")
  @Size(max = Bounds.TOLERATIONS)
  public List<Toleration> tolerations;

  @JsonPropertyDescription("PriorityClass of the trainer pods.")
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String priorityClassName;

  @JsonPropertyDescription("Kueue LocalQueue; sets the kueue.x-k8s.io/queue-name label so that Kueue admits the Jobs.")
  @Pattern(Bounds.QUEUE_NAME)
  @Size(max = Bounds.LABEL_VALUE_LENGTH)
  public String queueName;
}
