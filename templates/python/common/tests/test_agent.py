"""The agent answers and calls tools through a stub model."""

from __future__ import annotations

import asyncio
import json

from strands import tool

from app.agent import build_agent
from app.prompts import SYSTEM_PROMPT
from run_once import run
from tests.stub_model import StubModel


@tool
def echo(text: str) -> str:
    """Returns the text it was given."""
    return text


def test_agent_answers_with_the_configured_system_prompt() -> None:
    model = StubModel(["stub answer"])
    result = build_agent(model=model, tools=[])("hello")
    assert str(result).strip() == "stub answer"
    assert model.calls[0]["system_prompt"] == SYSTEM_PROMPT


def test_run_once_prints_tool_calls_and_the_final_answer(capsys) -> None:
    model = StubModel([("echo", '{"text": "ping"}'), "pong"])
    final = asyncio.run(run("say ping", agent=build_agent(model=model, tools=[echo])))
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    types = [e["type"] for e in events]
    assert "tool_call" in types and "tool_result" in types
    assert events[-1] == final
    assert final["output"] == "pong"
    assert final["usage"] == {"inputTokens": 20, "outputTokens": 10}
