"""The termination-log summary: valid by summary.schema.json, finite metrics only, under the 4 KiB limit."""

import json
import math

from alignment_trl import summary
from alignment_trl.summary import StageResult


def test_non_finite_metrics_are_dropped_and_empty_keys_left_out():
    text = summary.to_json(StageResult("done", metrics={"loss": 0.5, "kl": math.nan, "x": math.inf}))
    assert json.loads(text) == {"metrics": {"loss": 0.5}, "message": "done"}


def test_a_long_message_is_cut_to_fit_keeping_its_start():
    text = summary.to_json(StageResult("é" * 5000, output="file:///workspace/ns/run/dpo/model", metrics={"loss": 1.0}))
    assert len(text.encode("utf-8")) <= summary.LIMIT_BYTES
    parsed = json.loads(text)
    assert parsed["message"].startswith("ééé") and parsed["message"].endswith("...")
    assert parsed["output"] == "file:///workspace/ns/run/dpo/model"


def test_the_path_honours_the_override():
    assert str(summary.path({"ALIGNMENT_TERMINATION_LOG": "/tmp/t"})) == "/tmp/t"
    assert str(summary.path({})) == "/dev/termination-log"
