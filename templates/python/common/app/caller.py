"""Who is calling: the actor (the end user whose memories these are) and the session.

Taken from each request, never from settings, so two callers never share one memory.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from app.security import InvalidInput

# Set by AgentCore Runtime from InvokeAgentRuntime's runtimeUserId.
USER_ID_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-User-Id"
# AgentCore Memory's actorId: 1-255 characters of this pattern (API reference, Event.actorId).
ACTOR_ID = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9\-_/]*(?::[a-zA-Z0-9\-_/]+)*[a-zA-Z0-9\-_/]*$")
MAX_ACTOR_ID = 255


@dataclass(frozen=True)
class Caller:
    actor_id: str
    session_id: str


def validate_actor_id(value: str) -> str:
    """An actor id as AgentCore Memory accepts it."""
    if not value or len(value) > MAX_ACTOR_ID or not ACTOR_ID.match(value):
        raise InvalidInput("actor id must be 1 to 255 letters, digits, '-', '_', '/' or ':' and start with a letter or digit")
    return value


def caller_from(session_id: str, user_header: str | None, body_actor_id: object = None) -> Caller:
    """The runtime's user header first, then "actorId" from the body, else the session itself.

    Without an actor, the session is the actor, so an unidentified caller's memories stay in
    that session instead of being shared with every other unidentified caller.
    """
    if body_actor_id is not None and not isinstance(body_actor_id, str):
        raise InvalidInput("actorId must be a string")
    actor = user_header or body_actor_id
    if actor:
        return Caller(validate_actor_id(actor), session_id)
    return Caller("session-" + re.sub(r"[^a-zA-Z0-9\-_]", "_", session_id)[:240], session_id)


def one_off_caller() -> Caller:
    """A caller of its own for a run that has none (one run, one session)."""
    return caller_from(str(uuid.uuid4()), None)
