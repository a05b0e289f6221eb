#!/usr/bin/env python3
"""One-off check that directories the DJL trainer saved load with transformers' from_pretrained (and peft's).

Usage: hf-roundtrip-check.py MODEL_DIR JAVA_OUTPUTS.safetensors [MODEL_DIR JAVA_OUTPUTS.safetensors ...]

MODEL_DIR is a Hugging Face model directory, or a PEFT adapter directory (adapter_config.json), which is loaded
with PeftModel.from_pretrained onto its base_model_name_or_path.

Each JAVA_OUTPUTS file holds `input_ids`, `attention_mask` and `logits` (the DJL model's output for that batch, for
a sequence classifier its per-position scores). The model is loaded as the class its config names (causal LM or
sequence classification), fp32, eager attention, and its per-position outputs are compared where the mask is 1.
Run with the venv of hack/hf-fixtures.sh (~/.cache/alignment-operator/torch-2.7.1); not part of `make test`.
"""
import os
import sys

import torch
from safetensors.torch import load_file
from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSequenceClassification


def per_position_outputs(directory, ids, mask):
    if os.path.exists(os.path.join(directory, "adapter_config.json")):
        from peft import PeftConfig, PeftModel

        base = PeftConfig.from_pretrained(directory).base_model_name_or_path
        model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32, attn_implementation="eager")
        return PeftModel.from_pretrained(model, directory).eval()(input_ids=ids, attention_mask=mask).logits
    config = AutoConfig.from_pretrained(directory)
    if config.architectures[0].endswith("ForSequenceClassification"):
        model = AutoModelForSequenceClassification.from_pretrained(
            directory, dtype=torch.float32, attn_implementation="eager").eval()
        body = model.base_model(input_ids=ids, attention_mask=mask).last_hidden_state
        return model.score(body)
    model = AutoModelForCausalLM.from_pretrained(directory, dtype=torch.float32, attn_implementation="eager").eval()
    return model(input_ids=ids, attention_mask=mask).logits


def main(args):
    if not args or len(args) % 2:
        sys.exit(__doc__)
    worst = 0.0
    for directory, outputs in zip(args[::2], args[1::2]):
        java = load_file(outputs)
        ids, mask = java["input_ids"].long(), java["attention_mask"].long()
        with torch.no_grad():
            ours = per_position_outputs(directory, ids, mask)
        diff = ((ours - java["logits"]).abs() * mask.unsqueeze(-1)).max().item()
        worst = max(worst, diff)
        print(f"[hf-roundtrip] {directory}: from_pretrained outputs vs DJL's, max abs diff {diff:.3e}")
    print(f"[hf-roundtrip] worst {worst:.3e}")
    sys.exit(0 if worst <= 1e-4 else 1)


if __name__ == "__main__":
    main(sys.argv[1:])
