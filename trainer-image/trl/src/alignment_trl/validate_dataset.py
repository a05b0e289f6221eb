"""validate-dataset: maps a preference dataset's fields to prompt/chosen/rejected, refuses a malformed row naming
its line, skips exact duplicates and ties, and writes train.jsonl / validation.jsonl split by a seeded content hash."""

import hashlib
import json
import shutil
from pathlib import Path

from . import jsonl, uris
from .errors import BadInput
from .summary import StageResult

DEFAULT_SEED = 0


def run(config: dict, progress) -> StageResult:
    root = config.get("workspaceRoot")
    source = config["source"]
    path = uris.path(source, "dataset", root)
    fields = config["fields"]
    fraction = config["validationFraction"]
    seed = config.get("seed", DEFAULT_SEED)
    out = Path(config["outputDir"])
    counts = {"rows": 0, "duplicates": 0, "ties": 0, "conversationalRows": 0}
    seen = set()
    split = {"train": [], "validation": []}
    for number, row in jsonl.rows(path, source):
        counts["rows"] += 1
        pair = {key: jsonl.text_field(source, number, row, fields[key], f"the {key}")
                for key in ("prompt", "chosen", "rejected")}
        if any(isinstance(v, list) for v in pair.values()):
            counts["conversationalRows"] += 1
        line = json.dumps(pair, ensure_ascii=False, sort_keys=False)
        if line in seen:
            counts["duplicates"] += 1
            continue
        seen.add(line)
        if pair["chosen"] == pair["rejected"]:
            counts["ties"] += 1
            continue
        split["validation" if _draw(seed, line) < fraction else "train"].append(line)
    if not split["train"]:
        raise BadInput(f"{source}: no usable preference pairs in {counts['rows']} rows")
    digest = _write(out, split)
    skipped = counts["duplicates"] + counts["ties"]
    metrics = {"rows": counts["rows"], "trainPairs": len(split["train"]), "validationPairs": len(split["validation"]),
               "skippedRows": skipped, "duplicates": counts["duplicates"], "ties": counts["ties"],
               "conversationalRows": counts["conversationalRows"]}
    metrics = {k: float(v) for k, v in metrics.items()}
    progress.metrics.values(metrics)
    return StageResult(
        f"{counts['rows']} rows: {len(split['train'])} train, {len(split['validation'])} validation, {skipped} skipped "
        f"({counts['duplicates']} duplicates, {counts['ties']} ties)", uris.of(out), metrics, digest)


def _draw(seed: int, line: str) -> float:
    """A row's place in [0, 1) by a hash of the seed and its content, the same wherever the row stands."""
    h = hashlib.sha256(f"{seed}\n{line}".encode("utf-8")).digest()
    return int.from_bytes(h[:8], "big") / 2**64


def _write(out: Path, split: dict[str, list[str]]) -> str:
    """Writes both files into a sibling temporary directory, then swaps it in whole; returns their sha256 digest."""
    staging = out.with_name(out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    digest = hashlib.sha256()
    for name in ("train", "validation"):
        text = "".join(line + "\n" for line in split[name])
        (staging / f"{name}.jsonl").write_text(text, encoding="utf-8")
        digest.update(text.encode("utf-8"))
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return "sha256:" + digest.hexdigest()
