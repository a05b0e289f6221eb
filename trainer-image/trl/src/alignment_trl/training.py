"""What the training stages share: the contract's training block as TRL/transformers arguments, resume from the
newest complete checkpoint, and the final model saved by rank 0 as a Hugging Face directory (written beside, then
swapped in whole)."""

import shutil
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import PrinterCallback

from . import checkpoints, cpu_devices, draws, lora, uris
from .errors import BadInput
from .progress import Progress
from .ranks import Ranks
from .summary import StageResult

MODEL = "model"


@dataclass
class StageContext:
    """One stage's run: its config, where it stands among the ranks, and its progress reporting."""

    config: dict
    ranks: Ranks
    progress: Progress

    @property
    def output_dir(self) -> Path:
        return Path(self.config["outputDir"])

    @property
    def training(self) -> dict:
        return self.config["training"]

    @property
    def workspace_root(self):
        return self.config.get("workspaceRoot")


def arguments(context: StageContext) -> dict:
    """TrainingArguments' keys for the contract's training block: steps are optimizer steps, batchSize the global
    batch (split evenly over the ranks), Adam at a constant learning rate without warmup or weight decay, gradients
    clipped at maxGradNorm (0: off), every step logged, a checkpoint every checkpointEvery steps."""
    training = context.training
    steps, batch, world = training["steps"], training["batchSize"], context.ranks.world_size
    if batch % world != 0:
        raise BadInput(f"training.batchSize: must be a multiple of the {world} processes, got {batch}")
    cpu = not torch.cuda.is_available()
    if cpu and world > 1:
        cpu_devices.register()  # each process's device is cpu:<n>, where its checkpoints are loaded on resume
    return dict(
        output_dir=str(checkpoints.directory(context.output_dir)),
        max_steps=steps,
        per_device_train_batch_size=batch // world,
        gradient_accumulation_steps=1,
        ddp_find_unused_parameters=False,
        learning_rate=training["learningRate"],
        lr_scheduler_type="constant",
        warmup_steps=0,
        optim="adamw_torch",
        weight_decay=0.0,
        adam_beta1=0.9,
        adam_beta2=0.999,
        adam_epsilon=1e-8,
        max_grad_norm=training["maxGradNorm"],
        seed=training["seed"],
        logging_strategy="steps",
        logging_steps=1,
        save_strategy="steps",
        save_steps=context.config["checkpointEvery"],
        save_total_limit=2,
        report_to="none",
        disable_tqdm=True,
        dataloader_num_workers=0,
        use_cpu=cpu,
        ddp_backend="gloo" if cpu and world > 1 else None,
        bf16=False,
        fp16=False,
        gradient_checkpointing=False,
    )


def contract_trainer(trainer_class, context: StageContext):
    """trainer_class under the contract: each step's batch is the reference trainer's draw (draws.StepDraws), and each
    step's loss is kept unrounded (the Trainer's log rounds it to 4 decimals) as the mean over the processes."""

    class ContractTrainer(trainer_class):
        step_loss = None

        def _get_train_sampler(self, train_dataset=None):
            dataset = train_dataset if train_dataset is not None else self.train_dataset
            training = context.training
            return draws.StepDraws(len(dataset), training["batchSize"], training["seed"], self.args.max_steps)

        def training_step(self, *args, **kwargs):
            loss = super().training_step(*args, **kwargs)
            self.step_loss = self.accelerator.reduce(loss.detach(), reduction="mean").item()
            return loss

    ContractTrainer.__name__ = trainer_class.__name__
    return ContractTrainer


def train(trainer, context: StageContext) -> None:
    """Runs the trainer to the last step, from the newest complete checkpoint when there is one."""
    trainer.remove_callback(PrinterCallback)  # the progress lines replace its dicts on stdout
    trainer.add_callback(checkpoints.MarkComplete(context.ranks.writes, context.config["checkpointEvery"], context.progress))
    context.progress.exact_loss = lambda: trainer.step_loss
    trainer.add_callback(context.progress)
    resume = checkpoints.newest_complete(context.output_dir)
    if resume:
        context.progress.recent.extend(checkpoints.recent(resume[0]))
        print(f"resumed from checkpoint at step {resume[1]}", flush=True)
    trainer.train(resume_from_checkpoint=str(resume[0]) if resume else None)


def save(trainer, context: StageContext) -> str:
    """Saves the trained model (weights, config, tokenizer) to <outputDir>/model; returns its URI."""
    final = context.output_dir / MODEL
    staging = context.output_dir / (MODEL + ".tmp")
    if context.ranks.writes:
        shutil.rmtree(staging, ignore_errors=True)
    lora.save(trainer, context.training, str(staging))  # every rank calls it (sharded engines gather); rank 0 writes
    if context.ranks.writes:
        # The Trainer's pickled arguments are no part of a Hugging Face model directory.
        (staging / "training_args.bin").unlink(missing_ok=True)
        shutil.rmtree(final, ignore_errors=True)
        staging.rename(final)
    return uris.of(final)


def result(context: StageContext, output: str, what: str) -> StageResult:
    steps = context.training["steps"]
    means = context.progress.means()
    loss = f", loss {means['loss']:.4f}" if "loss" in means else ""
    return StageResult(f"{what}: trained {steps} steps{loss}", output, means)
