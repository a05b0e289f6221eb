"""The trainer's decoder-only transformer written in PyTorch eager, operation for operation.

Used as the reference of the step-for-step parity test (reference.py) and as the PyTorch side of `make bench`
(bench_twin.py). Parameter names map one to one onto the DJL model's (see `djl_names`).
"""
import math

import torch
from torch import nn
from torch.nn import functional as F

LAYER_NORM_EPS = 1e-5  # DJL LayerNorm's default
MASKED = -1e9  # TransformerBody.causalMask


class DecoderLayer(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.attention_norm = nn.LayerNorm(hidden, eps=LAYER_NORM_EPS)
        self.key = nn.Linear(hidden, hidden)
        self.query = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.result = nn.Linear(hidden, hidden)
        self.mlp_norm = nn.LayerNorm(hidden, eps=LAYER_NORM_EPS)
        self.expand = nn.Linear(hidden, 4 * hidden)
        self.project = nn.Linear(4 * hidden, hidden)

    def forward(self, x, mask):
        batch, length, hidden = x.shape
        head_size = hidden // self.heads
        normed = self.attention_norm(x)

        def split(t):
            return t.reshape(batch, length, self.heads, head_size).transpose(1, 2)

        queries, keys, values = split(self.query(normed)), split(self.key(normed)), split(self.value(normed))
        scores = (queries * (1.0 / math.sqrt(head_size))) @ keys.transpose(2, 3) + mask
        mixed = (scores.softmax(-1) @ values).transpose(1, 2).reshape(batch, length, hidden)
        x = x + self.result(mixed)
        return x + self.project(F.gelu(self.expand(self.mlp_norm(x))))


class LanguageModel(nn.Module):
    def __init__(self, vocab, layers, heads, hidden, context):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, hidden)
        self.position_embedding = nn.Embedding(context, hidden)
        self.layers = nn.ModuleList(DecoderLayer(hidden, heads) for _ in range(layers))
        self.final_norm = nn.LayerNorm(hidden, eps=LAYER_NORM_EPS)
        self.head = nn.Linear(hidden, vocab, bias=False)
        for p in self.parameters():  # GPT-2's N(0, 0.02) for weights, as the trainer; biases and norms as PyTorch's
            if p.dim() > 1:
                nn.init.normal_(p, std=0.02)

    def forward(self, tokens):
        positions = torch.arange(tokens.shape[1], device=tokens.device)
        x = self.token_embedding(tokens) + self.position_embedding(positions)
        mask = (positions[None, :] > positions[:, None]).float() * MASKED
        for layer in self.layers:
            x = layer(x, mask)
        return self.head(self.final_norm(x))


def token_log_probs(model, inputs, targets, mask):
    """Scoring.tokenLogProbs: log pi(target) at each position, zero outside the completion."""
    return model(inputs).log_softmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1) * mask


def sft_loss(model, inputs, targets, mask):
    """SftStage.loss: mean negative log-likelihood of the completion tokens."""
    return -token_log_probs(model, inputs, targets, mask).sum() / mask.sum()


def dpo_loss(model, inputs, targets, mask, reference_chosen, reference_rejected, beta):
    """DpoStage.step with PreferenceLoss.DPO: softplus(-beta h), h the policy's log-ratio margin over the reference."""
    log_probs = token_log_probs(model, inputs, targets, mask).sum(1)
    half = log_probs.shape[0] // 2
    h = (log_probs[:half] - reference_chosen) - (log_probs[half:] - reference_rejected)
    return F.softplus(-(h * beta)).mean()


def djl_names(model):
    """{DJL parameter name: PyTorch parameter}, the DJL names as TransformerModel.getParameters() lists them."""
    names = {"01body_01tokenEmbedding_embedding": model.token_embedding.weight,
             "01body_02positionEmbedding_embedding": model.position_embedding.weight}
    for i, layer in enumerate(model.layers):
        prefix = "01body_%02dlayer%d_" % (i + 3, i)
        parts = [("01attentionNorm_gamma", layer.attention_norm.weight), ("01attentionNorm_beta", layer.attention_norm.bias)]
        for j, (name, linear) in enumerate([("keyProjection", layer.key), ("queryProjection", layer.query),
                                            ("valueProjection", layer.value), ("resultProjection", layer.result)]):
            parts += [("02attention_%02d%s_weight" % (j + 1, name), linear.weight),
                      ("02attention_%02d%s_bias" % (j + 1, name), linear.bias)]
        parts += [("03mlpNorm_gamma", layer.mlp_norm.weight), ("03mlpNorm_beta", layer.mlp_norm.bias),
                  ("04expand_weight", layer.expand.weight), ("04expand_bias", layer.expand.bias),
                  ("05project_weight", layer.project.weight), ("05project_bias", layer.project.bias)]
        names.update({prefix + suffix: p for suffix, p in parts})
    last = len(model.layers) + 3
    names["01body_%02dfinalNorm_gamma" % last] = model.final_norm.weight
    names["01body_%02dfinalNorm_beta" % last] = model.final_norm.bias
    names["02head_weight"] = model.head.weight
    return names
