"""Human approval on Lambda.

A gated tool call raises a Strands interrupt (app.approval.ApprovalHook): the run stops with
stop_reason "interrupt", the invocation stores the agent's snapshot (approval_store) and ends
with the pending approvals. A later invocation on the same session with
{"approval": {"id", "decision"}} loads the snapshot and resumes with the decision as the
interrupt's response: approve runs the tool, anything else cancels it. A decision after the
deadline is a deny ("timeout"); so is a new prompt on a session whose approval is past its
deadline. A second decision on the same approval finds nothing (NoSuchApproval).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

from app.approval import APPROVAL_TIMEOUT_SECONDS, iso_time, new_approval_id
from app.caller import Caller
from app.security import InvalidInput
from approval_store import HeldApproval, HeldCall, hold_call, load_held_call, take_held_call
from conversation_store import fitting

APPROVAL_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
DECISIONS = ("approve", "deny")
# The snapshot's messages are cut to leave room in the item for the approvals.
MAX_SNAPSHOT_MESSAGES_CHARS = 300_000


class NoSuchApproval(Exception):
    """The decision names no approval this session waits for."""


class AwaitingApproval(Exception):
    """A new prompt on a session that waits for a decision."""


@dataclass(frozen=True)
class Decision:
    id: str
    decision: str  # "approve" | "deny"


@dataclass(frozen=True)
class Resumption:
    """A paused call taken for a decision: what to resume from, the interrupt responses, the outcomes as events."""

    held: HeldCall
    responses: list[dict[str, Any]]
    decided: list[dict[str, Any]]


def decision_of(payload: dict[str, Any]) -> Decision | None:
    """The decision a request body or event carries ({"approval": {"id", "decision"}}), or None for a prompt."""
    if "approval" not in payload:
        return None
    approval = payload["approval"]
    approval_id = approval.get("id") if isinstance(approval, dict) else None
    decision = approval.get("decision") if isinstance(approval, dict) else None
    if not isinstance(approval_id, str) or not APPROVAL_ID.match(approval_id) or decision not in DECISIONS:
        raise InvalidInput('approval must be {"id": "<approval id>", "decision": "approve" | "deny"}')
    return Decision(approval_id, decision)


def decision_event(approval: HeldApproval, outcome: str) -> dict[str, Any]:
    return {"type": "approval_decision", "id": approval.id, "tool": approval.tool, "decision": outcome}


def _approval_of(interrupt: Any, earlier: list[HeldApproval]) -> HeldApproval:
    """The interrupt as an approval; raised again after a partial decision it keeps its id and deadline."""
    again = next((a for a in earlier if a.interrupt_id == interrupt.id), None)
    if again is not None:
        return again
    reason = interrupt.reason if isinstance(interrupt.reason, dict) else {}
    expires_at = iso_time(time.time() + APPROVAL_TIMEOUT_SECONDS)
    return HeldApproval(new_approval_id(), interrupt.id, str(reason.get("tool", "unknown")), reason.get("input"), expires_at)


def pause_for_approval(caller: Caller, agent: Any, interrupts: list[Any], conversation_version: int, earlier: list[HeldApproval] | None = None) -> list[dict[str, Any]]:
    """Stores the stopped run (its snapshot, the newest messages kept when long) with its interrupts as approvals; returns them as the caller sees them."""
    approvals = [_approval_of(i, earlier or []) for i in interrupts]
    snapshot = agent.take_snapshot(preset="session").to_dict()
    data = snapshot["data"]
    if "messages" in data:
        data["messages"] = fitting(data["messages"], MAX_SNAPSHOT_MESSAGES_CHARS)
    hold_call(caller, approvals, json.dumps(snapshot, default=str), conversation_version)
    return [a.public() for a in approvals]


def drop_expired_hold(caller: Caller, now: float | None = None) -> list[dict[str, Any]]:
    """Checked before a new prompt: a paused call past its deadline is dropped (denied, its decisions returned as events); one in time makes the prompt wait."""
    held = load_held_call(caller)
    if held is None:
        return []
    at = time.time() if now is None else now
    waiting = next((a for a in held.approvals if a.deadline() > at), None)
    if waiting is not None:
        raise AwaitingApproval(
            f'this session waits for a decision on approval {waiting.id}: send {{"approval": {{"id": "{waiting.id}", "decision": "approve" | "deny"}}}}'
        )
    take_held_call(caller, held)
    return [decision_event(a, "timeout") for a in held.approvals]


def take_for_decision(caller: Caller, decision: Decision, now: float | None = None) -> Resumption:
    """Takes the session's paused call for a decision: the decided approval gets it (a timeout once
    past its deadline), every other approval past its deadline a timeout; one still in time stays pending."""
    held = load_held_call(caller)
    if held is None or not any(a.id == decision.id for a in held.approvals):
        raise NoSuchApproval("no such pending approval in this session (decided or unknown)")
    take_held_call(caller, held)
    at = time.time() if now is None else now
    responses: list[dict[str, Any]] = []
    decided: list[dict[str, Any]] = []
    for approval in held.approvals:
        outcome = "timeout" if approval.deadline() <= at else decision.decision if approval.id == decision.id else None
        if outcome is None:
            continue
        responses.append({"interruptResponse": {"interruptId": approval.interrupt_id, "response": outcome}})
        decided.append(decision_event(approval, outcome))
    return Resumption(held, responses, decided)
