package dev.alignment.operator.job;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ended trainer containers of a workload's pods by rank (the pod's completion index; 0 for a pod of a role of
 * one): rank 0 writes the termination summary, and a failure is explained by the rank that failed first. A rank
 * whose pod was replaced (a disruption the pod failure policy ignores) counts by its latest pod.
 */
final class RankedPods {
  private RankedPods() {}

  /** A rank's ended trainer container. */
  record Ended(int rank, ContainerStateTerminated trainer) {}

  /** Rank 0's ended trainer container. */
  static Optional<Ended> rankZero(List<Pod> pods) {
    return Optional.ofNullable(latestByRank(pods).get(0));
  }

  /** The rank whose trainer failed first; else rank 0's, whatever its exit code. */
  static Optional<Ended> firstFailure(List<Pod> pods) {
    return firstFailed(pods).or(() -> rankZero(pods));
  }

  /** The rank whose trainer failed first, if any did. */
  static Optional<Ended> firstFailed(List<Pod> pods) {
    return latestByRank(pods).values().stream()
        .filter(e -> e.trainer().getExitCode() != null && e.trainer().getExitCode() != 0)
        .min(FIRST_ENDED);
  }

  /** Earlier end first; ranks in order among ends at the same time. */
  static final Comparator<Ended> FIRST_ENDED =
      Comparator.comparing((Ended e) -> finishedAt(e.trainer())).thenComparing(Ended::rank);

  /** The pod's rank: its completion index, 0 for a pod that is not part of an Indexed Job. */
  static int rank(Pod pod) {
    String index = pod.getMetadata().getLabels() == null ? null
        : pod.getMetadata().getLabels().get(Rendezvous.COMPLETION_INDEX);
    return index == null ? 0 : Integer.parseInt(index);
  }

  private static Map<Integer, Ended> latestByRank(List<Pod> pods) {
    return pods.stream()
        .flatMap(pod -> trainer(pod).map(t -> new Ended(rank(pod), t)).stream())
        .collect(Collectors.toMap(Ended::rank, Function.identity(),
            (a, b) -> finishedAt(a.trainer()).compareTo(finishedAt(b.trainer())) >= 0 ? a : b));
  }

  private static Optional<ContainerStateTerminated> trainer(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> StageJobBuilder.CONTAINER.equals(c.getName()))
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getTerminated() != null)
        .map(s -> s.getTerminated())
        .findFirst();
  }

  private static String finishedAt(ContainerStateTerminated t) {
    return t.getFinishedAt() == null ? "" : t.getFinishedAt();
  }
}
