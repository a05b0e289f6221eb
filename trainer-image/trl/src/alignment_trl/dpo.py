"""dpo: the DPO family with TRL's DPOTrainer. The contract's loss maps onto DPOConfig: DPO and CDPO are the sigmoid
loss (CDPO with labelSmoothing, the conservative DPO of Mitchell 2023), IPO the ipo loss; beta as given."""

from trl import DPOConfig, DPOTrainer

from . import datasets_io, lengths, lora, models, training
from .errors import BadInput

LOSS_TYPES = {"DPO": "sigmoid", "CDPO": "sigmoid", "IPO": "ipo"}


def trl_loss(config: dict) -> dict:
    """DPOConfig's loss_type and label_smoothing for the config's loss."""
    loss = config["loss"]
    smoothing = config.get("labelSmoothing", 0.0)
    if loss == "IPO" and smoothing:
        raise BadInput(f"labelSmoothing: IPO takes none, got {smoothing}")
    return {"loss_type": LOSS_TYPES[loss], "label_smoothing": smoothing if loss != "IPO" else 0.0}


def run(context: training.StageContext):
    config = context.config
    seed = context.training["seed"]
    policy = models.load(config["policy"], scalar=False, seed=seed, workspace_root=context.workspace_root)
    # The same reference as the policy is TRL's own copy of the policy's initial weights.
    reference = None
    if config["reference"] != config["policy"]:
        reference = models.load(config["reference"], scalar=False, seed=seed, workspace_root=context.workspace_root).model
    dataset = datasets_io.preferences(config["dataset"], context.workspace_root)
    datasets_io.require_chat_template(dataset, policy.tokenizer, config["policy"]["uri"], config["dataset"])
    overlong = lengths.overlong_rows(dataset, ("chosen", "rejected"), policy.tokenizer, policy.max_length,
                                     config["policy"], config["dataset"])
    args = DPOConfig(**training.arguments(context), beta=config["beta"], **trl_loss(config),
                     max_length=policy.max_length, max_prompt_length=None, max_completion_length=None,
                     truncation_mode="keep_end", precompute_ref_log_probs=False)
    trainer = training.contract_trainer(DPOTrainer, context)(model=policy.model, ref_model=reference, args=args, train_dataset=dataset,
                         processing_class=policy.tokenizer,
                         peft_config=lora.config(context.training, scalar=False))
    training.train(trainer, context)
    result = training.result(context, training.save(trainer, context), config["loss"].lower())
    result.metrics["overlongRows"] = float(overlong)
    return result
