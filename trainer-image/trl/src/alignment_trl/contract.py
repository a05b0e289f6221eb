"""Reads a stage's config and checks it against its command's committed JSON Schema (docs/contract/), as the
contract asks of a runtime in another language: every refusal is bad input naming the key."""

import json
import os
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from . import ranges
from .errors import BadInput
from .uris import RUNTIME

SCHEMAS_ENV = "ALIGNMENT_CONTRACT_SCHEMAS"
MAX_LISTED = 5


def schema_dir() -> Path:
    """The image's copy of docs/contract (ALIGNMENT_CONTRACT_SCHEMAS), else the repository's when run from a checkout."""
    given = os.environ.get(SCHEMAS_ENV)
    if given:
        return Path(given)
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "docs" / "contract"
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"no contract schemas: set {SCHEMAS_ENV}")


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of <name>.schema.json (a command, or "summary")."""
    path = schema_dir() / f"{name}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def known_commands() -> set[str]:
    """Every command the contract has a config schema for."""
    return {p.name.removesuffix(".schema.json") for p in schema_dir().glob("*.schema.json")} - {"summary"}


def violations(name: str, instance) -> list[str]:
    """What is wrong with instance by schema name, one line a violation naming its key path; empty when valid."""
    errors = sorted(validator(name).iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    return [describe(e) for e in errors]


def describe(error) -> str:
    """One violation: the dotted key path, then jsonschema's words (which name the key of an unknown or missing one)."""
    where = ".".join(str(p) for p in error.absolute_path)
    return f"{where}: {error.message}" if where else error.message


def read_config(command: str, path: Path) -> dict:
    """The config at path, valid by the command's schema; else BadInput naming the file and the keys."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"config {path}: file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput(f"config {path}: cannot read: {e}") from None
    try:
        config = json.loads(text)
    except json.JSONDecodeError as e:
        raise BadInput(f"config {path}: line {e.lineno}, column {e.colno}: malformed JSON: {e.msg}") from None
    found = violations(command, config)
    if not found and command in ranges.OVERLAYS:
        found = [describe(e) for e in sorted(ranges.validator(command).iter_errors(config),
                                             key=lambda e: [str(p) for p in e.absolute_path])]
    if not found and "exportUri" in config:
        found = [f"exportUri: {RUNTIME} does not export models to object storage (use the reference runtime)"]
    if found:
        listed = "; ".join(found[:MAX_LISTED])
        more = f" (and {len(found) - MAX_LISTED} more)" if len(found) > MAX_LISTED else ""
        raise BadInput(f"config {path}: not a valid {command} config: {listed}{more}")
    return config
