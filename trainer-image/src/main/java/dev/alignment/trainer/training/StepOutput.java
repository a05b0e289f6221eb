package dev.alignment.trainer.training;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** One training step's scalar loss (to differentiate), scalar metrics to log, and the tokens it processed. */
public record StepOutput(NDArray loss, Map<String, NDArray> metrics, long tokens) {}
