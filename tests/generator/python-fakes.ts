/**
 * Stand-ins for Strands Python, for running OUR generated Python (run_once.py, app/approval.py,
 * the Lambda handler and its stores) here, where PyPI is unreachable. They are NOT Strands: they
 * follow its documented interrupt contract (BeforeToolCallEvent.interrupt raises until a
 * response is given; a stopped run's result has stop_reason "interrupt" and .interrupts; the
 * agent resumes on a list of {"interruptResponse": {"interruptId", "response"}}; take_snapshot /
 * load_snapshot carry the interrupt state), so a test exercises the generated code's use of that
 * contract, never Strands itself. What they prove is labelled "against stand-ins" in the tests.
 */

/** strands/__init__.py: Snapshot (to_dict / from_dict), as the Lambda handler imports it. */
export const STRANDS_INIT = `
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Snapshot:
    scope: str
    schema_version: str
    data: dict
    app_data: dict = field(default_factory=dict)
    created_at: str = "2026-01-01T00:00:00Z"

    def to_dict(self) -> dict:
        return {"scope": self.scope, "schema_version": self.schema_version, "created_at": self.created_at, "data": self.data, "app_data": self.app_data}

    @classmethod
    def from_dict(cls, d: dict) -> "Snapshot":
        assert d["schema_version"] == "1.0", "snapshot schema"
        return cls(d["scope"], d["schema_version"], d["data"], d.get("app_data", {}), d["created_at"])
`;

/** strands/hooks.py: the names app/approval.py and run_once.py import. */
export const STRANDS_HOOKS = `
class HookProvider:
    pass


class HookRegistry:
    def __init__(self):
        self.callbacks = []

    def add_callback(self, event_type, callback):
        self.callbacks.append((event_type, callback))


class BeforeToolCallEvent:
    pass


class AfterToolCallEvent:
    pass
`;

/**
 * app/agent.py: build_agent() returns an agent that, asked anything, calls the tool named by
 * FAKE_TOOL with {"url": "http://example.test"} and answers with the tool's result (or the
 * cancel message the hook set). It records each resumption's responses in RESUMED (stdout-free).
 */
export const FAKE_AGENT = `
import uuid

from strands import Snapshot
from strands.hooks import AfterToolCallEvent, BeforeToolCallEvent, HookRegistry

FAKE_TOOL = "http_request"


class InterruptException(Exception):
    def __init__(self, interrupt):
        self.interrupt = interrupt


class Interrupt:
    def __init__(self, id, name, reason=None, response=None):
        self.id, self.name, self.reason, self.response = id, name, reason, response


class Metrics:
    def __init__(self):
        self.accumulated_usage = {"inputTokens": 0, "outputTokens": 0}


class Result:
    def __init__(self, stop_reason, text="", interrupts=None, metrics=None):
        self.stop_reason, self.text, self.interrupts, self.metrics = stop_reason, text, interrupts, metrics

    def __str__(self):
        return self.text


class ToolCall:
    """BeforeToolCallEvent / AfterToolCallEvent as the hooks see them."""

    def __init__(self, agent, tool_use, result=None):
        self.agent, self.tool_use, self.result, self.cancel_tool = agent, tool_use, result, False

    def interrupt(self, name, reason=None):
        id = f"v1:before_tool_call:{self.tool_use['toolUseId']}:{uuid.uuid5(uuid.NAMESPACE_OID, name)}"
        found = self.agent.interrupts.setdefault(id, Interrupt(id, name, reason))
        if found.response is not None:
            return found.response
        raise InterruptException(found)


class FakeAgent:
    def __init__(self, messages=None):
        self.registry = HookRegistry()
        from app.approval import ApprovalHook

        ApprovalHook().register_hooks(self.registry)
        self.messages = list(messages or [])
        self.interrupts = {}
        self.activated = False
        self.event_loop_metrics = Metrics()
        self.tool_use = None

    def add_hook(self, callback, event_type):
        self.registry.add_callback(event_type, callback)

    def _callbacks(self, event_type):
        return [cb for t, cb in self.registry.callbacks if t is event_type]

    def _resume(self, prompt):
        if not self.activated:
            assert isinstance(prompt, str), "a new run takes a prompt"
            self.tool_use = {"toolUseId": f"tooluse_{len(self.messages)}", "name": FAKE_TOOL, "input": {"url": "http://example.test"}}
            self.messages.append({"role": "user", "content": [{"text": prompt}]})
            self.messages.append({"role": "assistant", "content": [{"toolUse": self.tool_use}]})
            return
        assert isinstance(prompt, list) and prompt, "an interrupted run resumes with interrupt responses"
        for block in prompt:
            response = block["interruptResponse"]
            assert response["interruptId"] in self.interrupts, "no interrupt found: " + response["interruptId"]
            self.interrupts[response["interruptId"]].response = response["response"]

    def _call_tool(self):
        event = ToolCall(self, self.tool_use)
        raised = []
        for callback in self._callbacks(BeforeToolCallEvent):
            try:
                callback(event)
            except InterruptException as e:
                raised.append(e.interrupt)
        if raised:
            self.activated = True
            return None, raised
        self.activated, self.interrupts = False, {}
        output = f"cancelled: {event.cancel_tool}" if event.cancel_tool else "fetched http://example.test"
        result = {"toolUseId": self.tool_use["toolUseId"], "status": "error" if event.cancel_tool else "success", "content": [{"text": output}]}
        for callback in self._callbacks(AfterToolCallEvent):
            callback(ToolCall(self, self.tool_use, result))
        return output, []

    async def stream_async(self, prompt):
        self._resume(prompt)
        output, raised = self._call_tool()
        self.event_loop_metrics.accumulated_usage["inputTokens"] += 10
        self.event_loop_metrics.accumulated_usage["outputTokens"] += 5
        if raised:
            yield {"result": Result("interrupt", interrupts=raised, metrics=self.event_loop_metrics)}
            return
        answer = f"Tool said: {output}"
        self.messages.append({"role": "assistant", "content": [{"text": answer}]})
        yield {"data": answer}
        yield {"result": Result("end_turn", answer, metrics=self.event_loop_metrics)}

    def __call__(self, prompt):
        import asyncio

        async def last():
            result = None
            async for event in self.stream_async(prompt):
                result = event.get("result", result)
            return result

        return asyncio.run(last())

    def take_snapshot(self, preset=None):
        assert preset == "session"
        state = {"interrupts": {k: vars(v) for k, v in self.interrupts.items()}, "context": {"tool_use": self.tool_use}, "activated": self.activated}
        return Snapshot("agent", "1.0", {"messages": list(self.messages), "interrupt_state": state})

    def load_snapshot(self, snapshot):
        self.messages = snapshot.data["messages"]
        state = snapshot.data["interrupt_state"]
        self.interrupts = {k: Interrupt(**v) for k, v in state["interrupts"].items()}
        self.tool_use, self.activated = state["context"]["tool_use"], state["activated"]


def build_agent(model=None, tools=None, caller=None, messages=None):
    return FakeAgent(messages)
`;

/** The fakes as project files: strands/ on the project root (the run's import path), app/agent.py replaced. */
export const FAKE_FILES: Record<string, string> = {
  "strands/__init__.py": STRANDS_INIT,
  "strands/hooks.py": STRANDS_HOOKS,
  "app/agent.py": FAKE_AGENT,
};
