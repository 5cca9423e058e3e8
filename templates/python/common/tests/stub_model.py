"""A model that answers from a script: no network, no AWS account."""

from __future__ import annotations

from typing import Any, AsyncGenerator, AsyncIterable

from strands.models import Model


class StubModel(Model):
    """Streams each scripted reply in turn; a reply is text or a tool call (name, input)."""

    def __init__(self, replies: list[Any] | None = None) -> None:
        self.replies = list(replies or ["stub answer"])
        self.calls: list[dict[str, Any]] = []

    def update_config(self, **model_config: Any) -> None:
        return None

    def get_config(self) -> Any:
        return {"model_id": "stub"}

    async def structured_output(
        self, output_model: Any, prompt: Any, system_prompt: str | None = None, **kwargs: Any
    ) -> AsyncGenerator[dict[str, Any], None]:
        raise NotImplementedError("the stub model has no structured output")
        yield {}  # pragma: no cover

    async def stream(
        self, messages: Any, tool_specs: Any = None, system_prompt: str | None = None, **kwargs: Any
    ) -> AsyncIterable[dict[str, Any]]:
        self.calls.append({"messages": messages, "tool_specs": tool_specs, "system_prompt": system_prompt})
        reply = self.replies.pop(0) if self.replies else "done"
        yield {"messageStart": {"role": "assistant"}}
        if isinstance(reply, tuple):
            name, tool_input = reply
            start = {"toolUse": {"toolUseId": f"call-{len(self.calls)}", "name": name}}
            yield {"contentBlockStart": {"start": start}}
            yield {"contentBlockDelta": {"delta": {"toolUse": {"input": tool_input}}}}
            yield {"contentBlockStop": {}}
            yield {"messageStop": {"stopReason": "tool_use"}}
        else:
            yield {"contentBlockDelta": {"delta": {"text": reply}}}
            yield {"contentBlockStop": {}}
            yield {"messageStop": {"stopReason": "end_turn"}}
        usage = {"inputTokens": 10, "outputTokens": 5, "totalTokens": 15}
        yield {"metadata": {"usage": usage, "metrics": {"latencyMs": 1}}}
