"""Config validation against the committed JSON Schemas: every refusal names the key."""

import json
from pathlib import Path

import pytest

from alignment_trl import contract
from alignment_trl.errors import BadInput

KIT = Path(__file__).resolve().parents[3] / "e2e/src/test/resources/conformance"


def kit_config(command: str) -> dict:
    return json.loads((KIT / f"{command}.json").read_text())


def write(tmp_path, config) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config))
    return path


@pytest.mark.parametrize("command", ["sft", "dpo", "validate-dataset"])
def test_the_kits_configs_are_valid(tmp_path, command):
    assert contract.read_config(command, write(tmp_path, kit_config(command)))["contractVersion"] == 1


@pytest.mark.parametrize("edit, key", [
    (lambda c: c.update(trainingSteps=10), "trainingSteps"),
    (lambda c: c.pop("dataset"), "dataset"),
    (lambda c: c["training"].update(learningRate="fast"), "training.learningRate"),
    (lambda c: c.update(contractVersion=2), "contractVersion"),
])
def test_a_refused_sft_config_names_the_key(tmp_path, edit, key):
    config = kit_config("sft")
    edit(config)
    with pytest.raises(BadInput, match=key.replace(".", r"\.")):
        contract.read_config("sft", write(tmp_path, config))


def test_malformed_json_names_the_file_and_line(tmp_path):
    path = tmp_path / "config.json"
    path.write_text('{\n  "stage": \n}')
    with pytest.raises(BadInput, match=r"config .*config\.json: line 3"):
        contract.read_config("sft", path)


def test_every_command_of_the_contract_is_known():
    assert {"sft", "dpo", "reward", "validate-dataset", "ppo-actor", "eval"} <= contract.known_commands()


@pytest.mark.parametrize("command, edit, message", [
    ("sft", lambda c: c["training"].update(steps=0), r"training\.steps: 0 is less than or equal to the minimum of 0"),
    ("dpo", lambda c: c.update(labelSmoothing=0.7), r"labelSmoothing: 0\.7 is greater than the maximum of 0\.5"),
    ("dpo", lambda c: c["training"].update(lora={"rank": 4, "alpha": 8.0, "dropout": 1.0, "output": "merged"}),
     r"training\.lora\.dropout: 1\.0 is greater than or equal to the maximum of 1"),
    ("validate-dataset", lambda c: c.update(validationFraction=0.6), r"validationFraction: 0\.6 is greater than"),
    ("sft", lambda c: c["model"].update(chatTemplate="  "), r"model\.chatTemplate: '  ' does not match"),
    ("sft", lambda c: c.update(exportUri="s3://bucket/x"), r"exportUri: the TRL runtime does not export"),
])
def test_values_out_of_the_contracts_ranges_are_refused_naming_the_key(tmp_path, command, edit, message):
    config = kit_config(command)
    edit(config)
    with pytest.raises(BadInput, match=message):
        contract.read_config(command, write(tmp_path, config))
