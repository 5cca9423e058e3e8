"""Paused calls across Lambda invocations.

A Lambda cannot wait for a person, so a call that reaches a tool needing approval ends after
the agent's state (a Strands snapshot: the messages and the interrupt holding the tool call)
is stored in the DynamoDB table the template creates (AGENT_APPROVAL_TABLE). A later call of
the same actor and session brings the decision and resumes from it. One item per session;
items expire (TTL on expiresAt) a day after the approval's deadline, so a late decision still
finds the call (and denies it). The item layout is the TypeScript handler's.
"""

from __future__ import annotations

import json
import math
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.caller import Caller
from conversation_store import MAX_ITEM_CHARS, dynamo

TABLE = os.environ.get("AGENT_APPROVAL_TABLE")
KEEP_AFTER_DEADLINE_SECONDS = 24 * 60 * 60
# Actor ids start with a letter or digit, so this key never equals a conversation's key in a shared table.
KEY_PREFIX = "#approval#"


class HeldCallConflict(Exception):
    """Another call of this session took or stored the paused call first."""


class MalformedHeldCall(Exception):
    """The stored paused call is not one this handler wrote."""


@dataclass(frozen=True)
class HeldApproval:
    id: str
    interrupt_id: str
    tool: str
    input: Any
    expires_at: str  # ISO 8601 UTC

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "interruptId": self.interrupt_id, "tool": self.tool, "input": self.input, "expiresAt": self.expires_at}

    def public(self) -> dict[str, Any]:
        """What the caller sees: everything but the interrupt id."""
        return {"id": self.id, "tool": self.tool, "input": self.input, "expiresAt": self.expires_at}

    def deadline(self) -> float:
        """The deadline in seconds since the epoch."""
        return datetime.fromisoformat(self.expires_at.replace("Z", "+00:00")).timestamp()


@dataclass(frozen=True)
class HeldCall:
    """A paused call: its approvals, the agent snapshot to resume from, the conversation version it started from."""

    approvals: list[HeldApproval]
    snapshot: str
    conversation_version: int
    rev: str


def _table() -> str:
    if not TABLE:
        raise RuntimeError("AGENT_APPROVAL_TABLE is not set: a call waiting for approval cannot be kept")
    return TABLE


def _key(caller: Caller) -> dict[str, Any]:
    return {"pk": {"S": f"{KEY_PREFIX}{caller.actor_id}#{caller.session_id}"}}


def _approval_from(data: Any) -> HeldApproval:
    fields = ("id", "interruptId", "tool", "expiresAt")
    if not isinstance(data, dict) or not all(isinstance(data.get(f), str) for f in fields):
        raise MalformedHeldCall("the stored paused call is malformed")
    approval = HeldApproval(data["id"], data["interruptId"], data["tool"], data.get("input"), data["expiresAt"])
    try:
        approval.deadline()
    except ValueError as error:
        raise MalformedHeldCall("the stored paused call has a malformed deadline") from error
    return approval


def load_held_call(caller: Caller) -> HeldCall | None:
    """The session's paused call, or None."""
    item = dynamo().get_item(TableName=_table(), Key=_key(caller), ConsistentRead=True).get("Item")
    if not item:
        return None
    try:
        approvals = json.loads(item.get("approvals", {}).get("S", "[]"))
    except json.JSONDecodeError as error:
        raise MalformedHeldCall("the stored paused call is malformed") from error
    snapshot = item.get("snapshot", {}).get("S")
    if not isinstance(approvals, list) or not approvals or not snapshot:
        raise MalformedHeldCall("the stored paused call is malformed")
    return HeldCall(
        approvals=[_approval_from(a) for a in approvals],
        snapshot=snapshot,
        conversation_version=int(item.get("conversationVersion", {}).get("N", "0")),
        rev=item.get("rev", {}).get("S", ""),
    )


def hold_call(caller: Caller, approvals: list[HeldApproval], snapshot: str, conversation_version: int) -> None:
    """Stores a paused call; only when the session holds none (a call never overwrites another's pause)."""
    if len(snapshot) > MAX_ITEM_CHARS:
        raise ValueError("the conversation is too long to keep while it waits for approval")
    deadline = max(a.deadline() for a in approvals)
    client = dynamo()
    try:
        client.put_item(
            TableName=_table(),
            Item={
                **_key(caller),
                "approvals": {"S": json.dumps([a.to_json() for a in approvals], default=str)},
                "snapshot": {"S": snapshot},
                "conversationVersion": {"N": str(conversation_version)},
                "rev": {"S": str(uuid.uuid4())},
                "expiresAt": {"N": str(math.ceil(deadline) + KEEP_AFTER_DEADLINE_SECONDS)},
            },
            ConditionExpression="attribute_not_exists(pk)",
        )
    except client.exceptions.ConditionalCheckFailedException as error:
        raise HeldCallConflict("another call of this session is already waiting for approval") from error


def take_held_call(caller: Caller, held: HeldCall) -> None:
    """Takes the paused call out of the store, so exactly one call resumes (or drops) it."""
    client = dynamo()
    try:
        client.delete_item(
            TableName=_table(),
            Key=_key(caller),
            ConditionExpression="rev = :rev",
            ExpressionAttributeValues={":rev": {"S": held.rev}},
        )
    except client.exceptions.ConditionalCheckFailedException as error:
        raise HeldCallConflict("another call of this session decided this approval first") from error
