"""The termination-log summary (contract StageSummary): output, finite metrics, digest and message, checked against
summary.schema.json and kept under the kubelet's 4 KiB limit."""

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import contract

DEFAULT_PATH = "/dev/termination-log"
PATH_ENV = "ALIGNMENT_TERMINATION_LOG"
LIMIT_BYTES = 4000


@dataclass(frozen=True)
class StageResult:
    """What a stage reports on exit."""

    message: str
    output: str | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    digest: str | None = None


def path(env=os.environ) -> Path:
    return Path(env.get(PATH_ENV, DEFAULT_PATH))


def to_json(result: StageResult) -> str:
    """The summary as JSON; non-finite metrics dropped, a long message cut (keeping its start) until the whole fits."""
    metrics = {k: float(v) for k, v in result.metrics.items() if math.isfinite(v)}
    message = result.message
    while True:
        summary = {k: v for k, v in (("output", result.output), ("metrics", metrics or None), ("digest", result.digest),
                                     ("message", message)) if v is not None}
        text = json.dumps(summary, ensure_ascii=False)
        excess = len(text.encode("utf-8")) - LIMIT_BYTES
        if excess <= 0 or message is None:
            problems = contract.violations("summary", summary)
            if problems:
                raise ValueError(f"the summary breaks summary.schema.json: {problems}")
            return text
        encoded = message.encode("utf-8")
        keep = len(encoded) - excess - len("...")
        # Cut in bytes (a character may take several); a character split at the cut is dropped whole.
        message = encoded[:keep].decode("utf-8", errors="ignore") + "..." if keep > 0 else None


def write(result: StageResult, env=os.environ) -> None:
    path(env).write_text(to_json(result), encoding="utf-8", errors="replace")
