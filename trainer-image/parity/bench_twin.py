"""The PyTorch-eager side of `make bench`: ModelBenchmark's training procedure on twin.LanguageModel.

    bench_twin.py <tiny|small|gpt2> <steps> <threads> [batch]
Full-context batches of random tokens (4 prompt tokens, the rest completion), loss -mean(token log-probs), backward,
clip_grad_norm_(1.0), Adam step; ModelBenchmark's warm-up steps. Prints a RESULT line as ModelBenchmark does.
"""
import math
import os
import random
import sys
import time

import torch

import twin

PRESETS = {  # (layers, heads, hidden, context, vocab): Architecture's presets; the vocabulary of the built-in words
    "tiny": (2, 2, 64, 32, 55),
    "small": (4, 4, 128, 64, 55),
    "gpt2": (12, 12, 768, 128, 50257),
}
WARMUP = {"tiny": 10, "small": 10, "gpt2": 2}  # as ModelBenchmark
SGEMM_SIZE = 1024


def process_start_seconds():
    """When this process started, in time.time() seconds (field 22 of /proc/self/stat, in clock ticks since boot)."""
    with open("/proc/self/stat") as f:
        ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_kib():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))


def flops_per_training_token(model, layers, hidden, context):
    matrix_weights = sum(p.numel() for name, p in model.named_parameters()
                         if p.dim() == 2 and "embedding" not in name)
    return 6.0 * matrix_weights + 12.0 * layers * context * hidden


def sgemm_gflops():
    a, b = torch.randn(SGEMM_SIZE, SGEMM_SIZE), torch.randn(SGEMM_SIZE, SGEMM_SIZE)
    best = math.inf
    for i in range(6):
        t = time.perf_counter()
        (a @ b)[0, 0].item()
        if i > 0:
            best = min(best, time.perf_counter() - t)
    return 2.0 * SGEMM_SIZE ** 3 / best / 1e9


def main(preset, steps, threads, batch):
    started = process_start_seconds()
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    layers, heads, hidden, context, vocab = PRESETS[preset]
    model = twin.LanguageModel(vocab, layers, heads, hidden, context)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    rng = random.Random(0)
    first_step = 0.0
    start = 0.0
    warmup = WARMUP[preset]
    for step in range(warmup + steps):
        if step == warmup:
            start = time.perf_counter()
        tokens = torch.tensor([[rng.randrange(3, vocab) for _ in range(context)] for _ in range(batch)])
        mask = torch.ones(batch, context - 1)
        mask[:, :3] = 0  # the prompt's targets, as TokenBatch's completion mask
        optimizer.zero_grad()
        loss = -twin.token_log_probs(model, tokens[:, :-1], tokens[:, 1:], mask).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if step == 0:
            first_step = time.time() - started
    tokens_per_s = batch * (context - 1) * steps / (time.perf_counter() - start)
    gflops = tokens_per_s * flops_per_training_token(model, layers, hidden, context) / 1e9
    print("RESULT side=torch preset=%s threads=%d tokens_per_s=%.2f gflops=%.3f sgemm_gflops=%.3f peak_rss_kib=%d "
          "first_step_s=%.3f" % (preset, threads, tokens_per_s, gflops, sgemm_gflops(), peak_rss_kib(), first_step))


if __name__ == "__main__":
    args = sys.argv[1:]
    default_batch = 4 if args[0] == "gpt2" else 32
    main(args[0], int(args[1]), int(args[2]), int(args[3]) if len(args) > 3 else default_batch)
