"""JSON Lines datasets read row by row, each problem bad input naming the file, the line and the field."""

import json
from collections.abc import Iterator
from pathlib import Path

from .errors import BadInput

QUOTE_LIMIT = 200


def excerpt(text: str) -> str:
    """A quote of input cut to QUOTE_LIMIT characters, saying how many were left out."""
    if len(text) <= QUOTE_LIMIT:
        return text
    return f"{text[:QUOTE_LIMIT]}... ({len(text) - QUOTE_LIMIT} more characters)"


def rows(path: Path, name: str) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line of path; name is how messages call the file (its URI)."""
    if not path.exists():
        raise BadInput(f"{name}: file not found")
    if path.is_dir():
        raise BadInput(f"{name}: is a directory, not a JSON Lines file")
    try:
        with path.open("rb") as lines:
            head = lines.read(2)
            if head[:2] == b"\x1f\x8b":
                raise BadInput(f"{name}: is gzip-compressed; give the uncompressed JSON Lines file")
            lines.seek(0)
            for number, raw in enumerate(lines, start=1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    raise BadInput(f"{name}: line {number}: invalid UTF-8 at byte {e.start}") from None
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise BadInput(f"{name}: line {number}: malformed JSON ({e.msg}): {excerpt(line.strip())}") from None
                if not isinstance(row, dict):
                    raise BadInput(f"{name}: line {number}: not a JSON object: {excerpt(line.strip())}")
                yield number, row
    except PermissionError:
        raise BadInput(f"{name}: no read permission") from None


def text_field(name: str, number: int, row: dict, key: str, meaning: str):
    """A field holding text or a list of {role, content} messages; else bad input naming the line and the key."""
    if key not in row:
        raise BadInput(f"{name}: line {number}: no field '{key}' ({meaning})")
    value = row[key]
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(m, dict) and isinstance(m.get("role"), str)
                                       and isinstance(m.get("content"), str) for m in value):
        return [{"role": m["role"], "content": m["content"]} for m in value]
    raise BadInput(f"{name}: line {number}: field '{key}' ({meaning}) must be a string or a list of "
                   f"{{role, content}} messages: {excerpt(json.dumps(value))}")
