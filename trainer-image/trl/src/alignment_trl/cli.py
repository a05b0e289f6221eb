"""alignment-trainer <command> --config <file>: runs one stage under the trainer contract, serves its metrics, writes
the termination summary and exits 0 (done), 2 (bad input, not retried) or 1 (anything else, retryable)."""

import argparse
import importlib
import os
import sys
import traceback
from pathlib import Path

from . import contract, summary
from .errors import BadInput
from .metrics import TrainerMetrics
from .progress import Progress
from .ranks import Ranks
from .summary import StageResult

OK, RETRYABLE, BAD_INPUT = 0, 1, 2
MESSAGE_CHARACTERS = 10_000
RUNTIME = "the TRL runtime (alignment-trainer-trl)"


# Each command's module, imported only when it runs (the training stages import torch and TRL: seconds).
COMMANDS = {"validate-dataset": "validate_dataset", "sft": "sft", "reward": "reward", "dpo": "dpo"}


def stage(command: str):
    """The function that runs a command: (config, progress, ranks) -> StageResult."""
    module = importlib.import_module(f"alignment_trl.{COMMANDS[command]}")
    if command == "validate-dataset":
        return lambda config, progress, ranks: module.run(config, progress)

    def training_stage(config, progress, ranks):
        from .training import StageContext
        return module.run(StageContext(config, ranks, progress))
    return training_stage


class _Usage(argparse.ArgumentParser):
    def error(self, message):
        raise BadInput(f"usage: alignment-trainer <command> --config <config.json>: {message}")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ranks = Ranks.from_env()
    try:
        result = run(argv, ranks)
        code = OK
    except BadInput as e:
        result = StageResult(str(e)[:MESSAGE_CHARACTERS])
        print(f"bad input: {result.message}", file=sys.stderr, flush=True)
        code = BAD_INPUT
    except Exception as e:  # noqa: BLE001 - every other failure is retryable, with its trace on stderr
        result = StageResult(f"stage failed: {type(e).__name__}: {e}"[:MESSAGE_CHARACTERS])
        traceback.print_exc()
        code = RETRYABLE
    print(result.message, flush=True)
    # A failure is reported by whichever rank meets it; a success only by rank 0, whose summary the operator reads.
    if code != OK or ranks.writes:
        try:
            summary.write(result)
        except OSError as e:
            print(f"cannot write the termination log {summary.path()}: {e}", file=sys.stderr, flush=True)
    return code


def run(argv, ranks: Ranks) -> StageResult:
    parser = _Usage(prog="alignment-trainer", add_help=False)
    parser.add_argument("command")
    parser.add_argument("--config", required=True, type=Path)
    args = parser.parse_args(argv)
    _environment()
    if args.command not in COMMANDS:
        if args.command in contract.known_commands():
            raise BadInput(f"{RUNTIME} does not run the command '{args.command}' (it runs: {', '.join(sorted(COMMANDS))}); "
                           f"use the reference runtime for it")
        raise BadInput(f"unknown command '{args.command}' (the contract's: {', '.join(sorted(contract.known_commands()))})")
    config = contract.read_config(args.command, args.config)
    metrics = TrainerMetrics(ranks.metrics_port(config["metricsPort"]), config["namespace"], config["owner"],
                             args.command)
    try:
        return stage(args.command)(config, Progress(metrics), ranks)
    finally:
        metrics.close()


def _environment() -> None:
    """Caches under /tmp (the image's root is read-only) and no hub: every model comes from the workspace."""
    for key, value in (("HF_HUB_OFFLINE", "1"), ("HF_DATASETS_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                       ("HF_HOME", "/tmp/hf"), ("HF_DATASETS_CACHE", "/tmp/hf/datasets"), ("TRITON_CACHE_DIR", "/tmp/triton"),
                       ("MPLCONFIGDIR", "/tmp/matplotlib")):
        os.environ.setdefault(key, value)


if __name__ == "__main__":
    sys.exit(main())
