"""A workspace's revocation policy (docs/consent-topics.md): its settings fields, kept apart from
models.WorkspaceSettings, which takes them by inheritance.

- `revocation_scope`: `all` (every opt-out revokes every topic, the default) or `clarify` (the one
  confirmation text of an opt-out from a contact holding several topics asks which were meant);
- `clarify_window_hours`: how long a reply may narrow that opt-out (1 to 168, default 24);
- `revoke_all_effective`: the date the FCC's revoke-all rule applies from (it may move again).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, PlainSerializer

# FCC DA 26-12 delayed the "revoke-all across unrelated matters" rule to this date; it may move.
REVOKE_ALL_EFFECTIVE = date(2027, 1, 31)


class RevocationScope(StrEnum):
    """A workspace's policy: an opt-out revokes everything, or the confirmation asks which topics."""

    ALL = "all"
    CLARIFY = "clarify"


# The one text the FCC allows after an opt-out may ask which kinds of messages were meant.
DEFAULT_CLARIFY_REPLY = (
    "{program}: you are unsubscribed from all messages. To stop only some, reply with their names "
    "({topics}) within {hours} hours, or ALL to stop everything."
)


DEFAULT_DOUBLE_OPT_IN_REPLY = (
    "{program}: reply YES to confirm you want {topics} texts. Msg&data rates may apply. Reply STOP to cancel."
)


class ConsentPolicy(BaseModel):
    """Settings fields; a workspace that never sets them behaves as before (`all`)."""

    revocation_scope: RevocationScope = Field(
        default=RevocationScope.ALL,
        description="all: an opt-out revokes every topic. clarify: its confirmation asks a contact holding "
        "several topics which they meant; a reply in the window narrows the revocation.",
    )
    clarify_window_hours: int = Field(
        default=24, ge=1, le=168, description="Hours a reply to the clarification question may narrow an opt-out."
    )
    # Dumped as ISO text even for storage: DynamoDB has no date type.
    revoke_all_effective: Annotated[date, PlainSerializer(date.isoformat, return_type=str)] = Field(
        default=REVOKE_ALL_EFFECTIVE,
        description="The date (UTC) from which the FCC rule itself extends an opt-out to unrelated topics.",
    )
    clarify_reply: str = Field(
        default=DEFAULT_CLARIFY_REPLY,
        min_length=1,
        max_length=320,
        description="The opt-out confirmation under clarify; {topics} lists the topics' names, {hours} the window.",
    )
    double_opt_in_reply: str = Field(
        default=DEFAULT_DOUBLE_OPT_IN_REPLY,
        min_length=1,
        max_length=320,
        description="The double opt-in request; {topics} lists the topics' names. Nothing is granted until YES.",
    )
