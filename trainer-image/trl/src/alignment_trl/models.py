"""The models a config names: the contract's presets builtin://tiny|small and builtin://gpt2-tiny|gpt2-small (a fresh
GPT-2 over the built-in words vocabulary, as the reference trainer's Gpt2Preset makes for gpt2-*), or a file://
Hugging Face directory; with their tokenizer, chat template and the longest sequence the stage feeds them."""

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import torch
from transformers import (AutoConfig, AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer,
                          GPT2Config, GPT2ForSequenceClassification, GPT2LMHeadModel, PreTrainedTokenizerFast)

from . import uris
from .errors import BadInput

BUILTIN = "builtin://"
WORDS = "builtin://words"
PAD, EOS, UNKNOWN = "<pad>", "<eos>", "<unk>"
# (layers, heads, hiddenSize, contextLength): the reference trainer's Architecture.TINY and SMALL.
SHAPES = {"tiny": (2, 2, 64, 32), "small": (4, 4, 128, 64)}
PRESETS = {"tiny": "tiny", "small": "small", "gpt2-tiny": "tiny", "gpt2-small": "small"}


@dataclass
class Loaded:
    """A model ready to train, its tokenizer and the longest prompt + completion the stage feeds it."""

    model: torch.nn.Module
    tokenizer: PreTrainedTokenizerFast
    max_length: int


def load(ref: dict, scalar: bool, seed: int, workspace_root: str | None) -> Loaded:
    """A language model (scalar=False) or a one-label sequence classifier (scalar=True, a reward model)."""
    uri = ref["uri"]
    if uri.startswith(BUILTIN):
        model, tokenizer, context = _preset(ref, scalar, seed)
    else:
        model, tokenizer, context = _directory(ref, scalar, workspace_root)
    if ref.get("chatTemplate") is not None:
        tokenizer.chat_template = ref["chatTemplate"]
    max_length = ref.get("maxLength") or context
    return Loaded(model, tokenizer, max_length)


def words_tokenizer(context_length: int) -> PreTrainedTokenizerFast:
    """The built-in words vocabulary (a WordLevel tokenizer.json the reference trainer writes, committed here)."""
    file = resources.files("alignment_trl") / "presets" / "words-tokenizer.json"
    with resources.as_file(file) as path:
        return PreTrainedTokenizerFast(tokenizer_file=str(path), eos_token=EOS, pad_token=PAD, unk_token=UNKNOWN,
                                       model_max_length=context_length, clean_up_tokenization_spaces=False)


def preset_config(shape: tuple[int, int, int, int], tokenizer: PreTrainedTokenizerFast) -> GPT2Config:
    """The GPT-2 config.json of a preset's shape, key for key as the reference trainer's Gpt2Preset writes it."""
    layers, heads, hidden, context = shape
    eos, pad = tokenizer.convert_tokens_to_ids(EOS), tokenizer.convert_tokens_to_ids(PAD)
    return GPT2Config(vocab_size=len(tokenizer), n_positions=context, n_embd=hidden, n_layer=layers, n_head=heads,
                      activation_function="gelu_new", layer_norm_epsilon=1e-5, initializer_range=0.02,
                      resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0, bos_token_id=eos, eos_token_id=eos,
                      pad_token_id=pad, tie_word_embeddings=True, architectures=["GPT2LMHeadModel"])


def _preset(ref: dict, scalar: bool, seed: int):
    uri = ref["uri"]
    name = uri[len(BUILTIN):]
    if name not in PRESETS:
        raise BadInput(f"model uri '{uri}': unknown preset (known: {', '.join(BUILTIN + p for p in PRESETS)})")
    tokenizer_uri = ref.get("tokenizer", WORDS)
    if tokenizer_uri != WORDS:
        raise BadInput(f"model uri '{uri}': a preset takes the tokenizer {WORDS}, not '{tokenizer_uri}'")
    shape = _shape(ref.get("architecture") or {}, PRESETS[name], uri)
    tokenizer = words_tokenizer(shape[3])
    config = preset_config(shape, tokenizer)
    torch.manual_seed(seed)
    if scalar:
        config.num_labels = 1
        config.architectures = ["GPT2ForSequenceClassification"]
        return GPT2ForSequenceClassification(config), tokenizer, shape[3]
    return GPT2LMHeadModel(config), tokenizer, shape[3]


def _shape(architecture: dict, fallback: str, uri: str):
    preset = architecture.get("preset", fallback)
    if preset not in SHAPES:
        raise BadInput(f"model uri '{uri}': architecture.preset '{preset}' is unknown (known: tiny, small)")
    layers, heads, hidden, context = SHAPES[preset]
    shape = (architecture.get("layers", layers), architecture.get("heads", heads),
             architecture.get("hiddenSize", hidden), architecture.get("contextLength", context))
    if min(shape[:2]) < 1 or min(shape[2:]) < 8 or shape[2] % shape[1] != 0:
        raise BadInput(f"model uri '{uri}': architecture {shape}: layers and heads must be >= 1, hiddenSize and "
                       f"contextLength >= 8, and heads must divide hiddenSize")
    return shape


def _directory(ref: dict, scalar: bool, workspace_root: str | None):
    uri = ref["uri"]
    directory = uris.path(uri, "model", workspace_root)
    if not (directory / "config.json").is_file():
        raise BadInput(f"model {uri}: not a Hugging Face model directory (no config.json); {uris.RUNTIME} "
                       f"loads no model saved in the reference trainer's own format")
    tokenizer = _tokenizer(ref, directory, workspace_root)
    config = AutoConfig.from_pretrained(directory)
    if scalar:
        model = AutoModelForSequenceClassification.from_pretrained(directory, num_labels=1, dtype=torch.float32)
    else:
        model = AutoModelForCausalLM.from_pretrained(directory, dtype=torch.float32)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if model.config.pad_token_id is None:
        model.config.pad_token_id = tokenizer.pad_token_id
    context = getattr(config, "n_positions", None) or getattr(config, "max_position_embeddings", None)
    if context is None:
        raise BadInput(f"model {uri}: config.json states no context length (n_positions or max_position_embeddings); "
                       f"set maxLength")
    return model, tokenizer, context


def _tokenizer(ref: dict, directory: Path, workspace_root: str | None):
    given = ref.get("tokenizer")
    if given and given != WORDS:
        file = uris.path(given, "tokenizer", workspace_root)
        if not file.is_file():
            raise BadInput(f"tokenizer {given}: file not found")
        return PreTrainedTokenizerFast(tokenizer_file=str(file))
    return AutoTokenizer.from_pretrained(directory)
