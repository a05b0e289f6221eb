"""sft: supervised fine-tuning with TRL's SFTTrainer on the completions (prompt tokens carry no loss)."""

from trl import SFTConfig, SFTTrainer

from . import datasets_io, lengths, lora, models, training


def run(context: training.StageContext):
    config = context.config
    loaded = models.load(config["model"], scalar=False, seed=context.training["seed"], workspace_root=context.workspace_root)
    dataset = datasets_io.demonstrations(config["dataset"], config["datasetKind"], context.workspace_root)
    datasets_io.require_chat_template(dataset, loaded.tokenizer, config["model"]["uri"], config["dataset"])
    overlong = lengths.overlong_rows(dataset, ("completion",), loaded.tokenizer, loaded.max_length, config["model"],
                                     config["dataset"])
    args = SFTConfig(**training.arguments(context), max_length=loaded.max_length, packing=False,
                     completion_only_loss=None, include_num_input_tokens_seen=True)
    trainer = training.contract_trainer(SFTTrainer, context)(model=loaded.model, args=args, train_dataset=dataset, processing_class=loaded.tokenizer,
        peft_config=lora.config(context.training, scalar=False))
    training.train(trainer, context)
    result = training.result(context, training.save(trainer, context), "sft")
    result.metrics["overlongRows"] = float(overlong)
    return result
