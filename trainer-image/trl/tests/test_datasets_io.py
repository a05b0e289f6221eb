"""The training stages' rows: demonstration formats, and conversational rows refused without a chat template."""

import json

import pytest
from datasets import Dataset

from alignment_trl import datasets_io, models
from alignment_trl.errors import BadInput

CHAT = [{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}]


def test_demonstrations_read_prompt_completion_or_messages_rows(tmp_path):
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({"prompt": "the film was", "completion": " great"}) + "\n")
    assert datasets_io.demonstrations(f"file://{plain}", "demonstrations", None)[0] == {"prompt": "the film was", "completion": " great"}
    chat = tmp_path / "chat.jsonl"
    chat.write_text(json.dumps(CHAT[0]) + "\n")
    assert datasets_io.demonstrations(f"file://{chat}", "demonstrations", None)[0] == CHAT[0]


def test_a_conversation_must_end_with_the_assistant(tmp_path):
    chat = tmp_path / "chat.jsonl"
    chat.write_text(json.dumps({"messages": [{"role": "user", "content": "hi"}]}) + "\n")
    with pytest.raises(BadInput, match="line 1: 'messages' must be a conversation ending in an assistant message"):
        datasets_io.demonstrations(f"file://{chat}", "demonstrations", None)


def test_conversational_rows_without_a_chat_template_are_bad_input():
    tokenizer = models.words_tokenizer(32)
    datasets_io.require_chat_template(Dataset.from_list([{"prompt": "a", "completion": " b"}]), tokenizer, "m", "d")
    with pytest.raises(BadInput, match="d: conversational rows need a chat template, and model m has none"):
        datasets_io.require_chat_template(Dataset.from_list(CHAT), tokenizer, "m", "d")
