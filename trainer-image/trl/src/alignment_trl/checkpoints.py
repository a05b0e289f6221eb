"""Checkpoints under <outputDir>/checkpoints: transformers' Trainer writes checkpoint-<step>/ in place, so rank 0 marks
each one complete after the Trainer has written it (on_save, a file written then renamed into place), and a stage
resumes only from the newest marked one: a checkpoint cut short by a kill is never picked up."""

import json
import os
import re
from pathlib import Path

from transformers import TrainerCallback

COMPLETE = "alignment-complete"
# The last steps' values, whose means a resumed stage reports as an uninterrupted one would.
RECENT = "alignment-recent.json"
_NAME = re.compile(r"^checkpoint-(\d+)$")


def directory(output_dir: Path) -> Path:
    return output_dir / "checkpoints"


def newest_complete(output_dir: Path) -> tuple[Path, int] | None:
    """The newest checkpoint marked complete and its step, if any."""
    root = directory(output_dir)
    if not root.is_dir():
        return None
    found = [(int(m.group(1)), p) for p in root.iterdir() if (m := _NAME.match(p.name)) and (p / COMPLETE).is_file()]
    if not found:
        return None
    step, path = max(found)
    return path, step


class MarkComplete(TrainerCallback):
    """Saves a checkpoint every `every` steps but after the last (the model is saved then; the reference trainer does
    the same), and marks each complete once the Trainer has saved it (only on the process that writes)."""

    def __init__(self, writes: bool, every: int, progress):
        self.writes = writes
        self.every = every
        self.progress = progress

    def on_step_end(self, args, state, control, **kwargs):
        # Runs after the Trainer's own flow callback, which would also save at the last step.
        control.should_save = state.global_step % self.every == 0 and state.global_step < state.max_steps
        return control

    def on_save(self, args, state, control, **kwargs):
        if self.writes:
            checkpoint = Path(args.output_dir) / f"checkpoint-{state.global_step}"
            (checkpoint / RECENT).write_text(json.dumps(list(self.progress.recent)), encoding="utf-8")
            staging = checkpoint / (COMPLETE + ".tmp")
            staging.write_text(f"{state.global_step}\n", encoding="utf-8")
            os.replace(staging, checkpoint / COMPLETE)
        return control


def recent(checkpoint: Path) -> list[dict]:
    """The values of the steps before a checkpoint, as saved with it (none for a checkpoint without them)."""
    path = checkpoint / RECENT
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
