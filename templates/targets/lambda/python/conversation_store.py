"""Conversation memory across Lambda calls, kept in the DynamoDB table the template creates.

Each call gets a new agent (Lambda reuses a process for unrelated callers), so the
conversation of an actor's session is read from AGENT_CONVERSATION_TABLE before the call and
written back after it; items expire (TTL on expiresAt) a day after the session's last call.
Without the table (memory type "none") every call starts afresh.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from app.caller import Caller

TABLE = os.environ.get("AGENT_CONVERSATION_TABLE")
TTL_SECONDS = 24 * 60 * 60
# A DynamoDB item holds at most 400 KB: the oldest turns are dropped to stay below it.
MAX_ITEM_CHARS = 350_000
_client: Any = None


class ConversationConflict(Exception):
    """Two calls of one session wrote at once; the caller should retry after the other finished."""


def dynamo() -> Any:
    """The function's one DynamoDB client (the approval store shares it)."""
    global _client
    if _client is None:
        import boto3  # the Lambda Python runtime includes boto3

        _client = boto3.client("dynamodb")
    return _client


def _key(caller: Caller) -> dict[str, Any]:
    return {"pk": {"S": f"{caller.actor_id}#{caller.session_id}"}}


def load_conversation(caller: Caller) -> tuple[list[dict[str, Any]], int]:
    """The session's messages so far and the version they were stored at (0 for a new session)."""
    if not TABLE:
        return [], 0
    item = dynamo().get_item(TableName=TABLE, Key=_key(caller), ConsistentRead=True).get("Item")
    if not item:
        return [], 0
    return json.loads(item["messages"]["S"]), int(item["version"]["N"])


def save_conversation(caller: Caller, messages: list[dict[str, Any]], loaded_version: int) -> None:
    """Stores the conversation if no other call of the session stored one since it was loaded."""
    if not TABLE:
        return
    kept = fitting(messages)
    try:
        dynamo().put_item(
            TableName=TABLE,
            Item={
                **_key(caller),
                "messages": {"S": json.dumps(kept, default=str)},
                "version": {"N": str(loaded_version + 1)},
                "expiresAt": {"N": str(int(time.time()) + TTL_SECONDS)},
            },
            ConditionExpression="attribute_not_exists(pk) OR version = :loaded",
            ExpressionAttributeValues={":loaded": {"N": str(loaded_version)}},
        )
    except dynamo().exceptions.ConditionalCheckFailedException as error:
        raise ConversationConflict("another call of this session saved the conversation first") from error


def fitting(messages: list[dict[str, Any]], max_chars: int = MAX_ITEM_CHARS) -> list[dict[str, Any]]:
    """The newest messages that fit in `max_chars` of JSON, starting at a user turn that is not a tool result."""
    kept = list(messages)
    while kept and len(json.dumps(kept, default=str)) > max_chars:
        kept = kept[1:]
    while kept and (kept[0].get("role") != "user" or any("toolResult" in block for block in kept[0].get("content", []))):
        kept = kept[1:]
    return kept
