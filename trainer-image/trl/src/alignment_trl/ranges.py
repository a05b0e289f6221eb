"""The value ranges a config's types cannot state (the contract's ContractChecks: counts > 0, fractions in [0, 0.5],
LoRA's ranges), as a JSON Schema overlay of each command this runtime runs, checked with the same validator."""

from jsonschema import Draft202012Validator

POSITIVE = {"exclusiveMinimum": 0}
FRACTION = {"minimum": 0, "maximum": 0.5}
MODEL = {"properties": {"maxLength": POSITIVE, "chatTemplate": {"pattern": r"\S"}}}
LORA = {"properties": {"rank": POSITIVE, "alpha": POSITIVE, "dropout": {"minimum": 0, "exclusiveMaximum": 1},
                       "targetModules": {"minItems": 1}}}
TRAINING = {"properties": {"steps": POSITIVE, "batchSize": POSITIVE, "learningRate": POSITIVE,
                           "maxGradNorm": {"minimum": 0}, "lora": LORA}}
HEADER = {"checkpointEvery": POSITIVE}

OVERLAYS = {
    "validate-dataset": {"properties": {**HEADER, "validationFraction": FRACTION}},
    "sft": {"properties": {**HEADER, "model": MODEL, "training": TRAINING}},
    "reward": {"properties": {**HEADER, "model": MODEL, "training": TRAINING}},
    "dpo": {"properties": {**HEADER, "policy": MODEL, "reference": MODEL, "training": TRAINING, "beta": POSITIVE,
                           "labelSmoothing": FRACTION}},
}


def validator(command: str) -> Draft202012Validator:
    return Draft202012Validator(OVERLAYS[command])
