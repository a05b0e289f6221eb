"""validate-dataset: the mapped split, and bad rows refused naming the file, the line and the field."""

import json

import pytest

from alignment_trl import validate_dataset
from alignment_trl.errors import BadInput


class Values:
    def __init__(self):
        self.seen = {}

    def values(self, values):
        self.seen.update(values)


class Progress:
    def __init__(self):
        self.metrics = Values()


def config(tmp_path, source, fraction=0.25):
    return {"source": f"file://{source}", "fields": {"prompt": "question", "chosen": "better", "rejected": "worse"},
            "validationFraction": fraction, "seed": 0, "outputDir": str(tmp_path / "out")}


def write_rows(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def test_it_maps_splits_and_counts(tmp_path):
    rows = [{"question": f"q{i}", "better": "good", "worse": "bad"} for i in range(40)]
    rows += [rows[0], {"question": "tie", "better": "same", "worse": "same"}]
    result = validate_dataset.run(config(tmp_path, write_rows(tmp_path / "pairs.jsonl", rows)), Progress())
    assert result.metrics["trainPairs"] + result.metrics["validationPairs"] == 40
    assert result.metrics["duplicates"] == 1 and result.metrics["ties"] == 1 and result.metrics["skippedRows"] == 2
    assert result.output == f"file://{tmp_path}/out" and result.digest.startswith("sha256:")
    train = [json.loads(line) for line in (tmp_path / "out/train.jsonl").read_text().splitlines()]
    assert set(train[0]) == {"prompt", "chosen", "rejected"}


@pytest.mark.parametrize("line, message", [
    ({"question": "q", "better": "b"}, r"line 2: no field 'worse'"),
    ('{"question": "q", ', r"line 2: malformed JSON"),
    ({"question": "q", "better": 3, "worse": "w"}, r"line 2: field 'better'"),
    ("[1, 2]", r"line 2: not a JSON object"),
])
def test_a_bad_row_names_the_file_the_line_and_the_field(tmp_path, line, message):
    source = write_rows(tmp_path / "pairs.jsonl", [{"question": "q", "better": "b", "worse": "w"}, line])
    with pytest.raises(BadInput, match=f"file://{source}: {message}"):
        validate_dataset.run(config(tmp_path, source), Progress())


def test_invalid_utf8_names_the_line_and_byte(tmp_path):
    source = tmp_path / "pairs.jsonl"
    source.write_bytes(b'{"question": "q", "better": "b", "worse": "w"}\n{"question": "\xff"}\n')
    with pytest.raises(BadInput, match=r"line 2: invalid UTF-8 at byte 14"):
        validate_dataset.run(config(tmp_path, source), Progress())


def test_a_missing_file_and_other_schemes_are_bad_input(tmp_path):
    with pytest.raises(BadInput, match="file not found"):
        validate_dataset.run(config(tmp_path, tmp_path / "nothing.jsonl"), Progress())
    bad = config(tmp_path, tmp_path / "x")
    bad["source"] = "builtin://sentiment/preferences?count=10"
    with pytest.raises(BadInput, match="the TRL runtime reads file:// URIs only"):
        validate_dataset.run(bad, Progress())
