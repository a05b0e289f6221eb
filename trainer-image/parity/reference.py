"""Writes the PyTorch reference trajectories of the parity test from the weights and batches the trainer exported.

    reference.py <dir>   reads <dir>/inputs.safetensors and writes, for the SFT case and the DPO case (each from the
                         same initial weights), <dir>/<case>-trajectory.safetensors: loss.<k> and gradNorm.<k> for each
                         step k, and every parameter after the last step.
The optimizer is torch.optim.Adam (betas 0.9, 0.999, eps 1e-8, no weight decay) after clip_grad_norm_, as TRL's
trainers run it; the constants are ParityCase's.
"""
import sys

import torch
from safetensors.torch import load_file, save_file

import twin

LEARNING_RATE = 3e-3
MAX_GRAD_NORM = {"sft": 1.5, "dpo": 0.5}
BETA = 0.1
LAYERS, HEADS, HIDDEN, CONTEXT = 2, 2, 16, 12


def loss_of(case, model, inputs, step):
    batch = [inputs["%s%d.%s" % (case, step, key)] for key in ("inputs", "targets", "mask")]
    if case == "sft":
        return twin.sft_loss(model, *batch)
    return twin.dpo_loss(model, *batch, inputs["dpo%d.referenceChosen" % step], inputs["dpo%d.referenceRejected" % step], BETA)


def trajectory(case, inputs):
    vocab = inputs["02head_weight"].shape[0]
    model = twin.LanguageModel(vocab, LAYERS, HEADS, HIDDEN, CONTEXT)
    names = twin.djl_names(model)
    with torch.no_grad():
        for name, parameter in names.items():
            parameter.copy_(inputs[name])
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8, foreach=False)
    out = {}
    step = 0
    while "%s%d.inputs" % (case, step) in inputs:
        optimizer.zero_grad()
        loss = loss_of(case, model, inputs, step)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), MAX_GRAD_NORM[case], foreach=False)
        optimizer.step()
        out["loss.%d" % step] = loss.detach().reshape(1)
        out["gradNorm.%d" % step] = norm.detach().reshape(1)
        print("%s step %d loss %.6f gradNorm %.6f" % (case, step, loss.item(), norm.item()))
        step += 1
    out.update({name: p.detach().clone() for name, p in names.items()})
    return out


def main(directory):
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    inputs = load_file(directory + "/inputs.safetensors")
    for case in ("sft", "dpo"):
        save_file(trajectory(case, inputs), "%s/%s-trajectory.safetensors" % (directory, case),
                  metadata={"torch": torch.__version__})


if __name__ == "__main__":
    main(sys.argv[1])
