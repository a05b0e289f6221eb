"""The rows the training stages train on, as TRL's dataset formats: demonstrations as prompt/completion (or a whole
conversation in messages), and a validated preference dataset's prompt/chosen/rejected."""

from pathlib import Path

from datasets import Dataset

from . import jsonl, uris
from .errors import BadInput

TRAIN, VALIDATION = "train.jsonl", "validation.jsonl"


def validated(uri: str, split: str, workspace_root) -> Path:
    """A file of a validated dataset (the output directory of validate-dataset)."""
    directory = uris.path(uri, "dataset", workspace_root)
    if not directory.is_dir():
        raise BadInput(f"dataset {uri}: not a validated dataset directory (the output of validate-dataset)")
    return directory / split


def preferences(uri: str, workspace_root, split: str = TRAIN) -> Dataset:
    """A validated dataset's pairs."""
    path = validated(uri, split, workspace_root)
    name = uris.of(path)
    rows = [{key: jsonl.text_field(name, n, row, key, f"the {key}") for key in ("prompt", "chosen", "rejected")}
            for n, row in jsonl.rows(path, name)]
    if split == TRAIN and not rows:
        raise BadInput(f"{name}: no preference pairs")
    return Dataset.from_list(rows)


def demonstrations(uri: str, kind: str, workspace_root) -> Dataset:
    """SFT rows: a JSON Lines file of demonstrations, or a validated dataset's chosen side (datasetKind preferences)."""
    if kind == "preferences":
        pairs = preferences(uri, workspace_root)
        return Dataset.from_list([{"prompt": p["prompt"], "completion": p["chosen"]} for p in pairs])
    path = uris.path(uri, "dataset", workspace_root)
    rows = [_demonstration(uri, n, row) for n, row in jsonl.rows(path, uri)]
    if not rows:
        raise BadInput(f"{uri}: no demonstrations")
    if len({tuple(r) for r in rows}) > 1:
        raise BadInput(f"{uri}: mixes prompt/completion rows and messages rows; use one format")
    return Dataset.from_list(rows)


def _demonstration(uri: str, number: int, row: dict) -> dict:
    if "messages" in row and "prompt" not in row:
        messages = jsonl.text_field(uri, number, row, "messages", "the conversation")
        if isinstance(messages, str) or not messages or messages[-1]["role"] != "assistant":
            raise BadInput(f"{uri}: line {number}: 'messages' must be a conversation ending in an assistant message")
        return {"messages": messages}
    return {"prompt": jsonl.text_field(uri, number, row, "prompt", "the prompt"),
            "completion": jsonl.text_field(uri, number, row, "completion", "the demonstration")}


def require_chat_template(rows: Dataset, tokenizer, model_uri: str, dataset_uri: str) -> None:
    """Conversational rows are rendered with the model's chat template; without one they are bad input."""
    if tokenizer.chat_template is None and any(isinstance(v, list) for row in rows for v in row.values()):
        raise BadInput(f"{dataset_uri}: conversational rows need a chat template, and model {model_uri} has none "
                       f"(set the model's chatTemplate)")
