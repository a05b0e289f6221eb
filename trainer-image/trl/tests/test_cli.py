"""The entrypoint's exits: bad input is 2 with the summary naming the problem, whatever the rank."""

import json

from alignment_trl import cli


def run(tmp_path, monkeypatch, *argv, rank="0"):
    log = tmp_path / "termination-log"
    monkeypatch.setenv("ALIGNMENT_TERMINATION_LOG", str(log))
    monkeypatch.setenv("RANK", rank)
    return cli.main(list(argv)), json.loads(log.read_text()) if log.exists() else None


def test_a_command_of_the_contract_this_runtime_does_not_run_is_bad_input_naming_both(tmp_path, monkeypatch):
    code, summary = run(tmp_path, monkeypatch, "eval", "--config", str(tmp_path / "c.json"))
    assert code == cli.BAD_INPUT
    assert "the TRL runtime" in summary["message"] and "'eval'" in summary["message"]


def test_usage_and_unknown_commands_are_bad_input(tmp_path, monkeypatch):
    code, summary = run(tmp_path, monkeypatch, "sft")
    assert code == cli.BAD_INPUT and summary["message"].startswith("usage: alignment-trainer")
    code, summary = run(tmp_path, monkeypatch, "train", "--config", "x")
    assert code == cli.BAD_INPUT and "unknown command 'train'" in summary["message"]


def test_a_refused_config_is_reported_by_any_rank(tmp_path, monkeypatch):
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"contractVersion": 1}))
    code, summary = run(tmp_path, monkeypatch, "dpo", "--config", str(config), rank="1")
    assert code == cli.BAD_INPUT and "not a valid dpo config: 'beta' is a required property" in summary["message"]
