"""The overlong policy on the built-in words tokenizer: counted under truncate, refused naming the row under reject."""

import pytest

from alignment_trl import lengths, models
from alignment_trl.errors import BadInput

ROWS = [{"prompt": "the film", "completion": " great"}, {"prompt": "the film was", "completion": " great"}]


def test_rows_longer_than_max_length_are_counted_under_truncate():
    tokenizer = models.words_tokenizer(32)
    # "the film was" + " great" + EOS is 5 tokens; the first row is 4.
    assert lengths.overlong_rows(ROWS, ("completion",), tokenizer, 4, {"overlong": "truncate"}, "file:///d") == 1
    assert lengths.overlong_rows(ROWS, ("completion",), tokenizer, 5, {}, "file:///d") == 0


def test_reject_names_the_row_and_the_lengths():
    with pytest.raises(BadInput, match=r"file:///d: row 2: prompt \+ completion is 5 tokens, longer than maxLength 4"):
        lengths.overlong_rows(ROWS, ("completion",), models.words_tokenizer(32), 4, {"overlong": "reject"}, "file:///d")


def test_the_presets_config_is_the_reference_trainers_gpt2_preset():
    tokenizer = models.words_tokenizer(32)
    config = models.preset_config(models.SHAPES["tiny"], tokenizer)
    assert (config.n_layer, config.n_head, config.n_embd, config.n_positions) == (2, 2, 64, 32)
    assert tokenizer.convert_ids_to_tokens([0, 1, 2]) == ["<pad>", "<eos>", "<unk>"]
    assert config.pad_token_id == 0 and config.eos_token_id == 1 and config.vocab_size == len(tokenizer)
