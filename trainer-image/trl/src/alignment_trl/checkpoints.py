"""Checkpoints under <outputDir>/checkpoints: transformers' Trainer writes checkpoint-<step>/ in place, so rank 0 marks
each one complete after the Trainer has written it (on_save, a file written then renamed into place), and a stage
resumes only from the newest marked one: a checkpoint cut short by a kill is never picked up."""

import os
import re
from pathlib import Path

from transformers import TrainerCallback

COMPLETE = "alignment-complete"
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
    """Marks each checkpoint complete once the Trainer has saved it (only on the process that writes)."""

    def __init__(self, writes: bool):
        self.writes = writes

    def on_save(self, args, state, control, **kwargs):
        if self.writes:
            checkpoint = Path(args.output_dir) / f"checkpoint-{state.global_step}"
            staging = checkpoint / (COMPLETE + ".tmp")
            staging.write_text(f"{state.global_step}\n", encoding="utf-8")
            os.replace(staging, checkpoint / COMPLETE)
        return control
