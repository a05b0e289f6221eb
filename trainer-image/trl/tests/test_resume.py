"""A stage started again on its output directory resumes from the newest complete checkpoint and ends as an
uninterrupted run would: the same steps' batches, the same final values in its summary."""

import json
import shutil

from alignment_trl import checkpoints, cli

ROWS = [{"prompt": p, "completion": c} for p in ("the film was", "my day was", "the food tasted")
        for c in (" great", " lovely")]


def sft_config(tmp_path, steps):
    data = tmp_path / "demonstrations.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    config = {"contractVersion": 1, "stage": "sft", "namespace": "ns", "owner": "run", "ownerKind": "AlignmentRun",
              "outputDir": str(tmp_path / "out"), "checkpointEvery": 2, "metricsPort": -1,
              "model": {"uri": "builtin://gpt2-tiny", "tokenizer": "builtin://words"},
              "dataset": f"file://{data}", "datasetKind": "demonstrations",
              "training": {"steps": steps, "batchSize": 2, "learningRate": 0.001, "maxGradNorm": 1.0, "seed": 0}}
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config))
    return path


def run(tmp_path, monkeypatch, config):
    log = tmp_path / "termination-log"
    monkeypatch.setenv("ALIGNMENT_TERMINATION_LOG", str(log))
    assert cli.main(["sft", "--config", str(config)]) == cli.OK
    return json.loads(log.read_text())


def test_a_stage_run_again_resumes_and_reports_as_an_uninterrupted_one(tmp_path, monkeypatch, capsys):
    config = sft_config(tmp_path, 5)
    uninterrupted = run(tmp_path, monkeypatch, config)
    checkpoint, step = checkpoints.newest_complete(tmp_path / "out")
    assert step == 4, "checkpoints every 2 steps, none after the last"
    shutil.rmtree(checkpoint.with_name("checkpoint-2"), ignore_errors=True)
    (checkpoint.with_name("checkpoint-6")).mkdir()  # a checkpoint cut short by a kill: not marked complete

    capsys.readouterr()
    again = run(tmp_path, monkeypatch, config)

    assert "resumed from checkpoint at step 4" in capsys.readouterr().out
    assert again["metrics"] == uninterrupted["metrics"]
