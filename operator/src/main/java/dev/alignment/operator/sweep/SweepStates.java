package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.AlignmentSweep;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link SweepState} of every live sweep, by name and namespace; a new generation (or a new object) starts afresh. */
public final class SweepStates {
  private final Map<ResourceID, SweepState> states = new ConcurrentHashMap<>();
  private final int maxCells;

  public SweepStates(int maxCells) {
    this.maxCells = maxCells;
  }

  /** The sweep's state, laying out its matrix if this generation has not been seen. */
  public SweepState of(AlignmentSweep sweep) {
    String uid = sweep.getMetadata().getUid();
    long generation = sweep.getMetadata().getGeneration() == null ? 0 : sweep.getMetadata().getGeneration();
    ResourceID id = ResourceID.fromResource(sweep);
    SweepState known = states.get(id);
    if (known != null && known.describes(uid, generation)) {
      return known;
    }
    // Not in compute(): laying out 10,000 cells takes a while, and a sweep is never reconciled twice at once.
    SweepState state = layOut(sweep, uid, generation);
    states.put(id, state);
    return state;
  }

  /** Drops the state of a sweep that is deleted, so memory follows the sweeps that exist. */
  public void forget(ResourceID sweep) {
    states.remove(sweep);
  }

  private SweepState layOut(AlignmentSweep sweep, String uid, long generation) {
    try {
      return new SweepState(uid, generation, SweepLayout.of(sweep, maxCells), null);
    } catch (InvalidSweepException e) {
      return new SweepState(uid, generation, null, e.getMessage());
    }
  }
}
