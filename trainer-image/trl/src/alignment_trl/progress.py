"""Turns the Trainer's per-step logs into the contract's progress: a line on stdout (step, values, tokens/s, ETA),
the Prometheus gauges, and the mean of the last RECENT steps' values that the summary reports (as the reference
trainer's RecentValues)."""

import time
from collections import deque

from transformers import TrainerCallback

RECENT = 10
# About this many progress lines a stage (the first step's, every total/20th and the last), as the reference prints.
LINES_PER_STAGE = 20
# The Trainer's log keys under the contract's names; its end-of-training and evaluation logs are not step values.
RENAMED = {"grad_norm": "gradNorm", "learning_rate": "learningRate"}
# Running totals, not step values (and SFTTrainer's num_tokens restarts from 0 on resume); tokens/s says as much.
DROPPED = {"epoch", "step", "train_runtime", "train_tokens_per_second", "num_input_tokens_seen", "num_tokens"}
END_OF_TRAINING = "train_samples_per_second"


def step_values(logs: dict) -> dict[str, float]:
    """A step's log as the contract's metric names, numbers only."""
    return {RENAMED.get(k, k): float(v) for k, v in logs.items()
            if k not in DROPPED and isinstance(v, (int, float)) and not isinstance(v, bool)}


def duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{(s // 60) % 60:02d}:{s % 60:02d}"


class Progress(TrainerCallback):
    """Reports each logged step (the Trainer logs every step: logging_steps 1) to the gauges, some on stdout."""

    def __init__(self, metrics, out=print, clock=time.monotonic):
        self.metrics = metrics
        self.out = out
        self.clock = clock
        self.recent = deque(maxlen=RECENT)
        self._start = 0.0
        self._start_step = 0
        self._start_tokens = 0
        self.exact_loss = lambda: None

    def on_train_begin(self, args, state, control, **kwargs):
        self._start = self.clock()
        self._start_step = state.global_step
        self._start_tokens = state.num_input_tokens_seen
        self.metrics.progress(state.global_step, state.max_steps, 0.0, 0.0)
        return control

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not logs or END_OF_TRAINING in logs or any(k.startswith("eval_") for k in logs):
            return control
        values = step_values(logs)
        loss = self.exact_loss()
        if loss is not None and "loss" in values:
            values["loss"] = loss
        self.step(state.global_step, state.max_steps, values, state.num_input_tokens_seen)
        return control

    def step(self, step: int, total: int, values: dict[str, float], tokens_seen: int):
        seconds = max(1e-9, self.clock() - self._start)
        throughput = (tokens_seen - self._start_tokens) / seconds
        eta = seconds / max(1, step - self._start_step) * (total - step)
        self.metrics.progress(step, total, throughput, eta)
        self.metrics.values(values)
        self.recent.append(values)
        if step % max(1, total // LINES_PER_STAGE) == 0 or step == total or step == self._start_step + 1:
            shown = " ".join(f"{k} {v:.6f}" for k, v in values.items())
            self.out(f"step {step}/{total} {shown} tokens/s {throughput:.0f} eta {duration(eta)}", flush=True)

    def means(self) -> dict[str, float]:
        """Each name's mean over the recent steps that reported it."""
        sums, counts = {}, {}
        for values in self.recent:
            for k, v in values.items():
                sums[k] = sums.get(k, 0.0) + v
                counts[k] = counts.get(k, 0) + 1
        return {k: sums[k] / counts[k] for k in sums}
