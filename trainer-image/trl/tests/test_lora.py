"""training.lora as PEFT's LoraConfig."""

from alignment_trl import lora


def test_the_block_maps_onto_peft():
    config = lora.config({"lora": {"rank": 4, "alpha": 8.0, "dropout": 0.1, "output": "merged",
                                   "targetModules": ["c_attn"]}}, scalar=False)
    assert (config.r, config.lora_alpha, config.lora_dropout) == (4, 8.0, 0.1)
    assert set(config.target_modules) == {"c_attn"} and config.task_type == "CAUSAL_LM"
    assert lora.config({"lora": {"rank": 8, "alpha": 8.0, "dropout": 0.0, "output": "adapter"}}, scalar=True).task_type == "SEQ_CLS"


def test_no_block_is_full_fine_tuning():
    assert lora.config({"steps": 1}, scalar=False) is None
