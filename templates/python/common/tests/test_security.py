"""Input limits and session ids."""

from __future__ import annotations

import json

import pytest

from app.security import MAX_INPUT_CHARS, InvalidInput, parse_body, validate_prompt, validate_session_id


def test_accepts_a_normal_prompt() -> None:
    assert validate_prompt("What is the weather?") == "What is the weather?"


@pytest.mark.parametrize("bad", [None, 42, "", "   ", "a\x00b", "x" * (MAX_INPUT_CHARS + 1)])
def test_rejects_bad_prompts(bad: object) -> None:
    with pytest.raises(InvalidInput):
        validate_prompt(bad)


def test_reads_the_prompt_from_a_json_body() -> None:
    assert parse_body(json.dumps({"prompt": "hi"}).encode()) == "hi"
    with pytest.raises(InvalidInput):
        parse_body(b"not json")
    with pytest.raises(InvalidInput):
        parse_body(b"[1, 2]")


def test_session_ids_are_at_least_33_characters() -> None:
    assert len(validate_session_id(None)) >= 33
    assert validate_session_id("s" * 33) == "s" * 33
    with pytest.raises(InvalidInput):
        validate_session_id("too-short")
