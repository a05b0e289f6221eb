"""training.lora as PEFT's LoraConfig, handed to the TRL trainer (which wraps the model and, for DPO with the policy as
its own reference, scores the reference with the adapters off, as the contract says); the output either merged into
a plain Hugging Face directory or saved as a PEFT adapter directory."""

from peft import LoraConfig

MERGED = "merged"


def config(training: dict, scalar: bool) -> LoraConfig | None:
    """PEFT's LoraConfig for the block, or None (full fine-tuning); targetModules absent: PEFT's default for the
    architecture family."""
    block = training.get("lora")
    if block is None:
        return None
    return LoraConfig(r=block["rank"], lora_alpha=block["alpha"], lora_dropout=block["dropout"],
                      target_modules=block.get("targetModules"), task_type="SEQ_CLS" if scalar else "CAUSAL_LM")


def save(trainer, training: dict, directory: str) -> None:
    """Writes the trained model to directory: merged (the adapters folded into the weights) unless lora.output says
    adapter; the tokenizer beside it either way."""
    block = training.get("lora")
    if block is None or block["output"] != MERGED:
        trainer.save_model(directory)
        return
    if trainer.args.should_save:
        trainer.model.merge_and_unload().save_pretrained(directory)
        trainer.processing_class.save_pretrained(directory)
