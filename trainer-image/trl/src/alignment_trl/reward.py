"""reward: a Bradley-Terry reward model with TRL's RewardTrainer on a one-label sequence classifier, then its
accuracy and loss on the validation split (the RewardModel's status fields accuracy and validationLoss)."""

from trl import RewardConfig, RewardTrainer

from . import datasets_io, lora, models, training


def run(context: training.StageContext):
    config = context.config
    loaded = models.load(config["model"], scalar=True, seed=context.training["seed"], workspace_root=context.workspace_root)
    train = datasets_io.preferences(config["dataset"], context.workspace_root)
    validation = datasets_io.preferences(config["dataset"], context.workspace_root, datasets_io.VALIDATION)
    datasets_io.require_chat_template(train, loaded.tokenizer, config["model"]["uri"], config["dataset"])
    args = RewardConfig(**training.arguments(context), max_length=loaded.max_length, eval_strategy="no")
    trainer = training.contract_trainer(RewardTrainer, context)(model=loaded.model, args=args, train_dataset=train,
                            eval_dataset=validation if len(validation) else None, processing_class=loaded.tokenizer,
        peft_config=lora.config(context.training, scalar=True))
    training.train(trainer, context)
    output = training.save(trainer, context)
    summary = training.result(context, output, "reward")
    if len(validation):
        evaluated = trainer.evaluate()
        summary.metrics["accuracy"] = float(evaluated["eval_accuracy"])
        summary.metrics["validationLoss"] = float(evaluated["eval_loss"])
        context.progress.metrics.values({"accuracy": summary.metrics["accuracy"],
                                         "validationLoss": summary.metrics["validationLoss"]})
    return summary
