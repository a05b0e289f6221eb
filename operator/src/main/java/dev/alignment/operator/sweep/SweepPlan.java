package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.AlignmentSweepStatus;
import java.util.List;

/** What a reconcile does to a sweep: children to create, children to delete, and the status to write. */
public record SweepPlan(List<ChildRun> creates, List<String> deletes, AlignmentSweepStatus status) {}
