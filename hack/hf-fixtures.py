#!/usr/bin/env python3
"""Writes the Hugging Face test fixtures of issue 16 (trainer-image/src/test/resources/hf, see its README.md).

Tiny randomly initialised GPT-2, Llama and Qwen2 checkpoints with tokenizers trained here on a generated corpus, and
their reference outputs (logits, scores, completion log-probs, greedy generations, tokenizer and chat-template
renderings) computed by transformers in fp32 on the CPU. Floats go to reference.safetensors, ids and strings to
reference.json. Fixed seeds, one thread: a second run writes byte-identical files.

Usage: hf-fixtures.py [OUTPUT_DIR]   (run it through hack/hf-fixtures.sh, which pins the environment)
"""
import json
import os
import random
import shutil
import struct
import sys
from pathlib import Path

if os.environ.get("PYTHONHASHSEED") != "0":  # peft writes target_modules from a set: fix its order
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, *sys.argv])

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import peft  # noqa: E402
import safetensors  # noqa: E402
import tokenizers  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from safetensors.torch import load_file, save_file  # noqa: E402
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers  # noqa: E402
from transformers import (  # noqa: E402
    AutoModelForCausalLM,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    GenerationConfig,
    GPT2Config,
    GPT2ForSequenceClassification,
    GPT2LMHeadModel,
    LlamaConfig,
    LlamaForCausalLM,
    LlamaForSequenceClassification,
    PreTrainedTokenizerFast,
    Qwen2Config,
    Qwen2ForCausalLM,
)

SEED = 1234
CONTEXT = 128
MAX_NEW_TOKENS = 10
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "trainer-image/src/test/resources/hf"

# Qwen2-Instruct's ChatML shape: a default system turn when the conversation has none.
CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}"
    "{% endif %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)

# Zephyr/TinyLlama-chat shape with the BOS in the template (as Llama-2's), over several lines on purpose: it renders
# as below only with transformers' Jinja settings (trim_blocks and lstrip_blocks on, so block-tag lines vanish, while
# the newline after each {{ }} line stays; '{%-' strips the one after the BOS):
# "<s><|system|>\nS</s>\n<|user|>\nU</s>\n<|assistant|>\nA</s>\n" and, with add_generation_prompt, "<|assistant|>\n".
ZEPHYR_TEMPLATE = """{{ bos_token }}
{%- for message in messages %}
    {% if message['role'] == 'system' %}
{{ '<|system|>\\n' + message['content'] + eos_token }}
    {% elif message['role'] == 'user' %}
{{ '<|user|>\\n' + message['content'] + eos_token }}
    {% elif message['role'] == 'assistant' %}
{{ '<|assistant|>\\n' + message['content'] + eos_token }}
    {% else %}
{{ raise_exception('Unknown role: ' + message['role']) }}
    {% endif %}
{% endfor %}
{% if add_generation_prompt %}
{{ '<|assistant|>' }}
{% endif %}
"""

CONVERSATIONS = {
    "system_user": [
        {"role": "system", "content": "You answer briefly."},
        {"role": "user", "content": "What colour is the sky?"},
    ],
    "user_assistant_user": [
        {"role": "user", "content": "Name a fruit."},
        {"role": "assistant", "content": "An apple."},
        {"role": "user", "content": "Another one, s'il vous plaît?"},
    ],
    "multi_turn": [
        {"role": "system", "content": "Be kind."},
        {"role": "user", "content": "Hello there!"},
        {"role": "assistant", "content": "Hi! How can I help?"},
        {"role": "user", "content": "Tell me about Köln."},
        {"role": "assistant", "content": "It is a city on the Rhine."},
    ],
}
UNKNOWN_ROLE = [{"role": "tool", "content": "42"}]

BATCH_TEXTS = [
    "The quick brown fox jumps over the lazy dog near the river.",
    "A small model learns.",
    "Café owners in München say: naïve plans fail.",
]
PROMPT_TOKENS = [5, 3, 6]  # leading tokens of each batch row that are prompt; the rest (to the padding) is completion
GENERATION_PROMPTS = ["The teacher reads a", "Grüße aus"]


def tokenizer_strings(specials):
    return [
        "Hello world.",
        " two  spaces and a tab\there\nnew line",
        "naïve café, Grüße, Привет, 日本語",
        "emoji \U0001F642 and \u2211 never seen in training",
        "inline " + specials + " tokens",
        "",
    ]


# ---------------------------------------------------------------------------------------------------------- corpus


def corpus():
    """English-like sentences with some non-ASCII text, the same every run."""
    rng = random.Random(SEED)
    subjects = ["the teacher", "a small model", "the old fisherman", "my neighbour", "the quick brown fox",
                "a curious child", "the engineer", "our team", "the lazy dog", "a tired traveller"]
    verbs = ["reads", "writes", "jumps over", "learns", "builds", "finds", "watches", "answers", "follows", "helps"]
    objects = ["a long letter", "the river", "an apple", "the answer", "a red bicycle", "the evening news",
               "a quiet garden", "the last train", "a new language", "the kind stranger"]
    tails = ["today", "near the river", "before dinner", "with great care", "in the morning", "again and again",
             "without a word", "at the station"]
    foreign = ["Café owners in München say: naïve plans fail.", "Grüße aus Köln und Zürich!",
               "Le garçon mange une crème brûlée à Paris.", "Привет, мир! Как дела?", "日本語のテキストです。",
               "El niño pequeño come una manzana.", "Smörgåsbord in Göteborg, s'il vous plaît."]
    roles = ["system", "user", "assistant"]
    lines = []
    for i in range(3000):
        s = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} {rng.choice(tails)}"
        s = s[0].upper() + s[1:] + rng.choice([".", "!", "?", "."])
        if i % 7 == 0:
            s = rng.choice(foreign) + " " + s
        if i % 11 == 0:
            s = f"{rng.choice(roles)}: {s} {rng.randint(0, 999)}"
        lines.append(s)
    return lines


# ------------------------------------------------------------------------------------------------------ tokenizers


def train(tok, vocab_size, special_tokens, texts, alphabet=()):
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=special_tokens, show_progress=False,
                                  initial_alphabet=list(alphabet))
    tok.train_from_iterator(texts, trainer)
    return tok


def byte_level_tokenizer(texts, vocab_size, special_tokens, qwen_split):
    tok = Tokenizer(models.BPE())
    byte_level = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=not qwen_split)
    if qwen_split:  # Qwen2's pre-tokenizer: its own split regex, then the byte mapping
        pattern = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                   r"|\s*[\r\n]+|\s+(?!\S)|\s+")
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(tokenizers.Regex(pattern), behavior="isolated", invert=False), byte_level])
    else:
        tok.pre_tokenizer = byte_level
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    return train(tok, vocab_size, special_tokens, texts, pre_tokenizers.ByteLevel.alphabet())


def llama_tokenizer(texts, vocab_size):
    """SentencePiece-style BPE as Llama-2/TinyLlama ship it: metaspace, byte fallback, <s> prepended."""
    tok = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="first", split=True)
    train(tok, vocab_size, ["<unk>", "<s>", "</s>"], texts)
    spec = json.loads(tok.to_str())
    # Byte fallback needs the 256 <0xNN> pieces as ordinary vocabulary, right after the specials (ids 3..258).
    vocab = {t: (i if i < 3 else i + 256) for t, i in spec["model"]["vocab"].items()}
    vocab.update({f"<0x{b:02X}>": 3 + b for b in range(256)})
    spec["model"]["vocab"] = dict(sorted(vocab.items(), key=lambda kv: kv[1]))
    tok = Tokenizer.from_str(json.dumps(spec))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="first", split=False)
    tok.decoder = decoders.Sequence([decoders.Replace("\u2581", " "), decoders.ByteFallback(), decoders.Fuse(),
                                     decoders.Strip(" ", 1, 0)])
    tok.post_processor = processors.TemplateProcessing(single="<s> $A", pair="<s> $A <s> $B",
                                                       special_tokens=[("<s>", 1)])
    return tok


def wrap(tok, **special):
    return PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=CONTEXT, clean_up_tokenization_spaces=False,
                                   **special)


def build_tokenizers():
    texts = corpus()
    gpt2 = wrap(byte_level_tokenizer(texts, 512, ["<|endoftext|>"], qwen_split=False),
                bos_token="<|endoftext|>", eos_token="<|endoftext|>", unk_token="<|endoftext|>",
                pad_token="<|endoftext|>")
    llama = wrap(llama_tokenizer(texts, 384), bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                 pad_token="<unk>", chat_template=ZEPHYR_TEMPLATE)
    qwen2 = wrap(byte_level_tokenizer(texts, 600, ["<|endoftext|>", "<|im_start|>", "<|im_end|>"], qwen_split=True),
                 eos_token="<|im_end|>", pad_token="<|endoftext|>",
                 additional_special_tokens=["<|im_start|>", "<|im_end|>"], chat_template=CHATML_TEMPLATE)
    return {"gpt2": gpt2, "llama": llama, "qwen2": qwen2}


# ---------------------------------------------------------------------------------------------------------- models


def randomise(cls, config, seed):
    """HF init (std = initializer_range) plus non-trivial norm weights and biases, so every parameter matters."""
    torch.manual_seed(seed)
    model = cls(config)
    g = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if "norm" in name or name.split(".")[-2].startswith("ln_"):
                if name.endswith("weight"):
                    p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
                else:
                    p.copy_(0.05 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.05 * torch.randn(p.shape, generator=g))
    return model.eval()


def gpt2_config(tok, **extra):
    return GPT2Config(vocab_size=len(tok), n_positions=CONTEXT, n_embd=32, n_layer=2, n_head=4, n_inner=64,
                      activation_function="gelu_new", resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0,
                      initializer_range=0.1, bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
                      pad_token_id=tok.pad_token_id, tie_word_embeddings=True, attn_implementation="eager", **extra)


def llama_config(tok, **extra):
    return LlamaConfig(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=CONTEXT,
                       rms_norm_eps=1e-6, rope_theta=50000.0, tie_word_embeddings=False, initializer_range=0.1,
                       bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id,
                       attn_implementation="eager", **extra)


def qwen2_config(tok):
    return Qwen2Config(vocab_size=len(tok), hidden_size=48, intermediate_size=96, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=CONTEXT,
                       rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=True, use_sliding_window=False,
                       initializer_range=0.1, bos_token_id=None, eos_token_id=tok.eos_token_id,
                       pad_token_id=tok.pad_token_id, attn_implementation="eager")


def generation_config(tok, family):
    eos = [tok.eos_token_id, tok.pad_token_id] if family == "qwen2" else tok.eos_token_id  # Qwen2 stops on either
    return GenerationConfig(bos_token_id=tok.bos_token_id, eos_token_id=eos, pad_token_id=tok.pad_token_id,
                            do_sample=False)


# ------------------------------------------------------------------------------------------------------ references


def batch(tok):
    rows = [tok(t, add_special_tokens=True)["input_ids"][:12] for t in BATCH_TEXTS]
    width = max(len(r) for r in rows)
    ids = [r + [tok.pad_token_id] * (width - len(r)) for r in rows]
    mask = [[1] * len(r) + [0] * (width - len(r)) for r in rows]
    return {"texts": BATCH_TEXTS, "input_ids": ids, "attention_mask": mask, "lengths": [len(r) for r in rows],
            "prompt_lengths": PROMPT_TOKENS, "pad_token_id": tok.pad_token_id, "padding_side": "right"}


def forward(model, b):
    with torch.no_grad():
        return model(input_ids=torch.tensor(b["input_ids"]),
                     attention_mask=torch.tensor(b["attention_mask"])).logits.float()


def masked_max_diff(a, b, mask):
    m = torch.tensor(mask, dtype=torch.bool)
    return float((a - b).abs()[m].max())


def completion_logprobs(logits, b):
    """log p(token t | tokens < t) at every completion position; its sum per row."""
    ids = torch.tensor(b["input_ids"])
    logp = torch.log_softmax(logits, dim=-1)
    per_token = torch.zeros(ids.shape, dtype=torch.float32)
    for row, (prompt, length) in enumerate(zip(b["prompt_lengths"], b["lengths"])):
        for t in range(prompt, length):
            per_token[row, t] = logp[row, t - 1, ids[row, t]]
    return per_token, per_token.double().sum(dim=1)


def single_row_diff(model, logits, b):
    """Largest difference between each row run alone (no padding) and its padded batch row."""
    worst = 0.0
    with torch.no_grad():
        for row, length in enumerate(b["lengths"]):
            alone = model(input_ids=torch.tensor([b["input_ids"][row][:length]])).logits.float()[0]
            worst = max(worst, float((alone - logits[row, :length]).abs().max()))
    return worst


def greedy(model, ids, eos, pad, use_cache):
    with torch.no_grad():
        out = model.generate(input_ids=torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                             max_new_tokens=MAX_NEW_TOKENS, do_sample=False, use_cache=use_cache, eos_token_id=eos,
                             pad_token_id=pad, output_scores=True, return_dict_in_generate=True)
    new = out.sequences[0, len(ids):].tolist()
    margin = min(float(torch.topk(s[0], 2).values[0] - torch.topk(s[0], 2).values[1]) for s in out.scores)
    return new, margin


def generations(model, tok, gen_config):
    cases, margins, cache_equal = [], [], True
    eos = gen_config.eos_token_id
    eos_ids = eos if isinstance(eos, list) else [eos]
    for text in GENERATION_PROMPTS:
        ids = tok(text, add_special_tokens=True)["input_ids"]
        cached, margin = greedy(model, ids, eos, tok.pad_token_id, True)
        uncached, _ = greedy(model, ids, eos, tok.pad_token_id, False)
        cache_equal &= cached == uncached
        margins.append(margin)
        cases.append({"prompt_text": text, "prompt_ids": ids, "max_new_tokens": MAX_NEW_TOKENS, "eos_token_id": eos,
                      "new_ids_use_cache": cached, "new_ids_no_cache": uncached,
                      "stopped_at_eos": bool(cached) and cached[-1] in eos_ids})
    # Random weights rarely emit the real EOS: name as EOS instead the first greedy token (after the first step, and
    # before the last) that is new in its output, so the stop (EOS kept as the last new token, nothing after it)
    # is pinned too.
    first, step = next((c, i) for c in cases for i, t in enumerate(c["new_ids_use_cache"][:-1])
                       if i > 0 and t not in c["new_ids_use_cache"][:i])
    stop = first["new_ids_use_cache"][step]
    cached, _ = greedy(model, first["prompt_ids"], stop, tok.pad_token_id, True)
    uncached, _ = greedy(model, first["prompt_ids"], stop, tok.pad_token_id, False)
    cache_equal &= cached == uncached
    assert cached == first["new_ids_use_cache"][:step + 1], cached
    cases.append({"prompt_text": first["prompt_text"], "prompt_ids": first["prompt_ids"],
                  "max_new_tokens": MAX_NEW_TOKENS, "eos_token_id": stop, "new_ids_use_cache": cached,
                  "new_ids_no_cache": uncached, "stopped_at_eos": True})
    return cases, {"cache_equals_no_cache": cache_equal, "min_greedy_top2_margin": min(margins)}


def tokenizer_reference(tok, directory, specials):
    raw = Tokenizer.from_file(str(directory / "tokenizer.json"))
    cases, raw_agrees = [], True
    for text in tokenizer_strings(specials):
        ids = tok(text, add_special_tokens=True)["input_ids"]
        plain = tok(text, add_special_tokens=False)["input_ids"]
        raw_agrees &= raw.encode(text, add_special_tokens=True).ids == ids
        raw_agrees &= raw.encode(text, add_special_tokens=False).ids == plain
        cases.append({"text": text, "ids": ids, "ids_without_special_tokens": plain,
                      "tokens": tok.convert_ids_to_tokens(ids),
                      "decoded": tok.decode(ids, skip_special_tokens=False),
                      "decoded_skip_special_tokens": tok.decode(ids, skip_special_tokens=True)})
    return cases, raw_agrees


def chat_reference(tok):
    if tok.chat_template is None:
        return None
    out = {"jinja": {"trim_blocks": True, "lstrip_blocks": True}, "conversations": []}
    for name, messages in CONVERSATIONS.items():
        for add in (False, True):
            out["conversations"].append({
                "name": name, "messages": messages, "add_generation_prompt": add,
                "text": tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=add),
                "ids": tok.apply_chat_template(messages, tokenize=True, add_generation_prompt=add)})
    try:
        tok.apply_chat_template(UNKNOWN_ROLE, tokenize=False)
        out["unknown_role_error"] = None
    except Exception as e:  # jinja2 TemplateError raised by the template's raise_exception
        out["unknown_role_error"] = {"messages": UNKNOWN_ROLE, "message": str(e)}
    return out


def specials_text(tok):
    return "".join(sorted(set(tok.all_special_tokens), key=tok.all_special_tokens.index))


def write_reference(directory, tensors, info):
    save_file({k: v.contiguous() for k, v in tensors.items()}, str(directory / "reference.safetensors"),
              metadata={"format": "pt"})
    (directory / "reference.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def common_info(name, model, tok, directory, weights_from, dtype):
    cases, raw_agrees = tokenizer_reference(tok, directory, specials_text(tok))
    return {"fixture": name, "architecture": model.config.architectures[0], "weights_dtype": dtype,
            "compute_dtype": "float32", "weights_from": weights_from, "batch": batch(tok), "tokenizer": cases,
            "chat_template": chat_reference(tok)}, raw_agrees


def save_model(model, tok, gen_config, directory, **kwargs):
    directory.mkdir(parents=True)
    model.save_pretrained(directory, safe_serialization=True, **kwargs)
    tok.save_pretrained(directory, save_jinja_files=False)
    if gen_config is not None:
        gen_config.save_pretrained(directory)


def causal_fixture(name, model, tok, gen_config, out, checks, weights_from, dtype="float32", **save_kwargs):
    """Saves the model, reloads it from disk in fp32 and writes the references of what was reloaded."""
    directory = out / name
    save_model(model, tok, gen_config, directory, **save_kwargs)
    tok = AutoTokenizer.from_pretrained(directory)
    loaded = AutoModelForCausalLM.from_pretrained(directory, dtype=torch.float32, attn_implementation="eager").eval()
    info, raw_agrees = common_info(name, loaded, tok, directory, weights_from, dtype)
    b = info["batch"]
    logits = forward(loaded, b)
    per_token, sums = completion_logprobs(logits, b)
    info["generation"], gen_checks = generations(loaded, tok, GenerationConfig.from_pretrained(directory))
    write_reference(directory, {"logits": logits, "completion_token_logprobs": per_token,
                                "completion_logprob_sum": sums}, info)
    checks[name] = {"raw_tokenizer_agrees_with_transformers": raw_agrees,
                    "batched_vs_single_row_max_abs_diff": single_row_diff(loaded, logits, b), **gen_checks}
    return loaded, logits


def score_fixture(name, causal, cls, config, tok, out, checks, seed):
    """A reward-model layout (num_labels=1) whose body is the causal fixture's; only the score head is new."""
    model = randomise(cls, config, seed)
    body = {k.split(".", 1)[1]: v for k, v in causal.state_dict().items() if not k.startswith("lm_head")}
    missing, unexpected = model.base_model.load_state_dict(body, strict=False)
    assert not unexpected and not missing, (missing, unexpected)
    directory = out / name
    save_model(model, tok, None, directory)
    tok = AutoTokenizer.from_pretrained(directory)
    loaded = AutoModelForSequenceClassification.from_pretrained(directory, dtype=torch.float32,
                                                                attn_implementation="eager").eval()
    info, raw_agrees = common_info(name, loaded, tok, directory, causal.config.architectures[0] + " body", "float32")
    b = info["batch"]
    with torch.no_grad():
        ids, mask = torch.tensor(b["input_ids"]), torch.tensor(b["attention_mask"])
        scores = loaded(input_ids=ids, attention_mask=mask).logits.float()
        hidden = loaded.base_model(input_ids=ids, attention_mask=mask).last_hidden_state
        every = loaded.score(hidden).float()
    # transformers' rule: the score is read at the right-most token that is not pad_token_id.
    info["score_index"] = [max(i for i, t in enumerate(row) if t != b["pad_token_id"]) for row in b["input_ids"]]
    assert torch.equal(every[torch.arange(len(ids)), torch.tensor(info["score_index"])], scores)
    info["num_labels"] = loaded.config.num_labels
    write_reference(directory, {"scores": scores, "scores_every_position": every}, info)
    checks[name] = {"raw_tokenizer_agrees_with_transformers": raw_agrees}


# ------------------------------------------------------------------------------------------------------------ LoRA


def lora_fixture(llama, tok, out, checks):
    base = LlamaForCausalLM(llama.config)
    base.load_state_dict(llama.state_dict())
    base.eval()
    config = peft.LoraConfig(r=4, lora_alpha=8, lora_dropout=0.0, target_modules=["q_proj", "v_proj"], bias="none",
                             task_type="CAUSAL_LM")
    model = peft.get_peft_model(base, config)
    g = torch.Generator().manual_seed(SEED + 50)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if "lora_" in name:
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
    model.eval()
    model.peft_config["default"].base_model_name_or_path = "../llama"
    directory = out / "llama-lora"
    model.save_pretrained(directory, safe_serialization=True)
    (directory / "README.md").unlink(missing_ok=True)  # peft's model-card template; not part of the fixture
    b = batch(tok)
    adapted = forward(model, b)
    with model.disable_adapter():
        disabled = forward(model, b)
    merged_model = model.merge_and_unload()
    merged = forward(merged_model, b)
    base_logits = forward(llama, b)
    info = {"fixture": "llama-lora", "base": "../llama", "rank": 4, "alpha": 8, "scaling": 2.0,
            "target_modules": ["q_proj", "v_proj"], "batch": b}
    write_reference(directory, {"logits_with_adapter": adapted, "logits_merged": merged}, info)
    mask = b["attention_mask"]
    checks["llama-lora"] = {"merged_vs_adapter_max_abs_diff": masked_max_diff(merged, adapted, mask),
                            "adapter_vs_base_max_abs_diff": masked_max_diff(adapted, base_logits, mask),
                            "adapter_disabled_vs_base_max_abs_diff": masked_max_diff(disabled, base_logits, mask)}
    assert checks["llama-lora"]["merged_vs_adapter_max_abs_diff"] < 1e-5, checks["llama-lora"]


# ------------------------------------------------------------------------------------------------------- bad input


def bad_fixtures(out):
    """Copies of llama/ (weights, config, tokenizer) with exactly one defect each; see the README for the error."""
    source = out / "llama"
    weights = load_file(str(source / "model.safetensors"))
    config = json.loads((source / "config.json").read_text())

    def copy(name, config_json=config, tensors=weights):
        d = out / "bad" / name
        d.mkdir(parents=True)
        for f in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"):
            shutil.copyfile(source / f, d / f)
        (d / "config.json").write_text(json.dumps(config_json, indent=2, sort_keys=True) + "\n")
        if tensors is not None:
            save_file(tensors, str(d / "model.safetensors"), metadata={"format": "pt"})
        return d

    copy("unknown-architecture", {**config, "model_type": "mamba", "architectures": ["MambaForCausalLM"]})
    copy("missing-config-key", {k: v for k, v in config.items() if k != "hidden_size"})
    wrong = dict(weights)
    wrong["model.layers.0.self_attn.k_proj.weight"] = torch.zeros(32, 32)  # GQA: [2 heads x 8, 32] expected
    copy("wrong-shape", tensors=wrong)
    copy("missing-weight", tensors={k: v for k, v in weights.items() if k != "model.layers.1.mlp.down_proj.weight"})
    renamed = {("model.final_norm.weight" if k == "model.norm.weight" else k): v for k, v in weights.items()}
    copy("renamed-weight", tensors=renamed)
    good = (source / "model.safetensors").read_bytes()
    header = struct.unpack("<Q", good[:8])[0]
    d = copy("corrupt-header-length", tensors=None)
    (d / "model.safetensors").write_bytes(struct.pack("<Q", 1 << 40) + good[8:])  # header "longer" than the file
    d = copy("corrupt-header-json", tensors=None)
    cut = b'{"model.embed_tokens.weight": {"dtype": '  # the JSON stops mid-object; padded to the stated length
    (d / "model.safetensors").write_bytes(good[:8] + cut.ljust(header, b" ") + good[8 + header:])


# ------------------------------------------------------------------------------------------------------------ main


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    for child in out.iterdir():  # regenerate from scratch, keeping only the hand-written README
        if child.name != "README.md":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    transformers.set_seed(SEED)
    toks = build_tokenizers()
    checks = {}

    gpt2 = randomise(GPT2LMHeadModel, gpt2_config(toks["gpt2"]), SEED)
    gpt2, gpt2_logits = causal_fixture("gpt2", gpt2, toks["gpt2"], generation_config(toks["gpt2"], "gpt2"), out,
                                       checks, "random")
    llama = randomise(LlamaForCausalLM, llama_config(toks["llama"]), SEED + 10)
    llama, llama_logits = causal_fixture("llama", llama, toks["llama"], generation_config(toks["llama"], "llama"),
                                         out, checks, "random")
    qwen2 = randomise(Qwen2ForCausalLM, qwen2_config(toks["qwen2"]), SEED + 20)
    qwen2, qwen2_logits = causal_fixture("qwen2", qwen2, toks["qwen2"], generation_config(toks["qwen2"], "qwen2"),
                                         out, checks, "random")

    _, sharded = causal_fixture("llama-sharded", llama, toks["llama"], generation_config(toks["llama"], "llama"),
                                out, checks, "llama", max_shard_size="100KB")
    mask = batch(toks["llama"])["attention_mask"]
    checks["llama-sharded"]["vs_llama_max_abs_diff"] = masked_max_diff(sharded, llama_logits, mask)
    for name, model, tok, family, dtype, fp32 in (
            ("gpt2-float16", gpt2, toks["gpt2"], "gpt2", torch.float16, gpt2_logits),
            ("qwen2-bfloat16", qwen2, toks["qwen2"], "qwen2", torch.bfloat16, qwen2_logits)):
        low = type(model)(model.config)
        low.load_state_dict(model.state_dict())
        low.to(dtype)
        _, logits = causal_fixture(name, low, tok, generation_config(tok, family), out, checks, family,
                                   str(dtype).removeprefix("torch."))
        checks[name]["vs_fp32_weights_max_abs_diff"] = masked_max_diff(logits, fp32, batch(tok)["attention_mask"])

    score_fixture("gpt2-reward", gpt2, GPT2ForSequenceClassification, gpt2_config(toks["gpt2"], num_labels=1),
                  toks["gpt2"], out, checks, SEED + 30)
    score_fixture("llama-reward", llama, LlamaForSequenceClassification, llama_config(toks["llama"], num_labels=1),
                  toks["llama"], out, checks, SEED + 40)
    bad_fixtures(out)
    lora_fixture(llama, toks["llama"], out, checks)

    versions = {"python": sys.version.split()[0], "torch": torch.__version__, "transformers": transformers.__version__,
                "tokenizers": tokenizers.__version__, "safetensors": safetensors.__version__,
                "peft": peft.__version__, "numpy": np.__version__}
    (out / "checks.json").write_text(json.dumps({"versions": versions, "checks": checks}, indent=2) + "\n")
    print(json.dumps(checks, indent=2))


if __name__ == "__main__":
    main()
