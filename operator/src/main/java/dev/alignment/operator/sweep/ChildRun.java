package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.AlignmentRunSpec;

/** A cell's child run as the sweep wants it: its name and spec. */
public record ChildRun(String name, Cell cell, AlignmentRunSpec spec) {}
