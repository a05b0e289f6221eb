"""The model reference's overlong policy: rows whose prompt + completion (+ EOS) exceed the stage's maxLength are
counted (overlongRows, then cut by TRL) or, with overlong: reject, refused naming the row."""

from .errors import BadInput

REJECT = "reject"


def overlong_rows(rows, completions: tuple[str, ...], tokenizer, max_length: int, ref: dict, name: str) -> int:
    """How many rows are too long; with overlong reject, BadInput naming the first. Conversational rows are left to
    TRL (their length depends on the chat template)."""
    count = 0
    for index, row in enumerate(rows):
        if not isinstance(row.get("prompt"), str):
            continue
        prompt = len(tokenizer(row["prompt"], add_special_tokens=False)["input_ids"])
        longest = max(prompt + len(tokenizer(row[key], add_special_tokens=False)["input_ids"]) + 1 for key in completions)
        if longest > max_length:
            if ref.get("overlong") == REJECT:
                raise BadInput(f"{name}: row {index + 1}: prompt + completion is {longest} tokens, longer than "
                               f"maxLength {max_length} (overlong: reject)")
            count += 1
    return count
