"""Double opt-in requests (rules/double_opt_in.py): which business number sends the "Reply YES to
confirm" text, and its publication on the replies bus, as every out-of-band reply."""

from __future__ import annotations

from collections.abc import Sequence

from optout import reply_events
from optout.errors import InvalidPhone
from optout.models import Inbox, Principal
from optout.repository.inboxes import list_inboxes
from optout.repository.topics import Topic
from optout.rules.double_opt_in import request_text
from optout.services.contacts import workspace_phone
from optout.services.topics import Unprocessable, definitions


def sending_inbox(principal: Principal, number: str | None = None) -> Inbox:
    """The business number a request comes from: the one named (one of the workspace's), else
    the workspace's first (by number)."""
    inboxes = sorted(list_inboxes(principal.workspace_id), key=lambda inbox: inbox.number)
    if number is not None:
        try:
            wanted = workspace_phone(principal, number)
        except InvalidPhone as refused:
            raise InvalidPhone(f"inbox: {refused}", details={"field": "inbox"}) from None
        named = [inbox for inbox in inboxes if inbox.number == wanted]
        if not named:
            raise Unprocessable(
                "inbox is not one of this workspace's business numbers",
                code="unknown_inbox",
                details={"field": "inbox", "inbox": wanted},
            )
        return named[0]
    if not inboxes:
        raise Unprocessable(
            "a double opt-in needs a business number to send its request from; register an inbox first",
            code="no_inbox",
            details={"field": "double_opt_in"},
        )
    return inboxes[0]


def send_request(inbox: Inbox, phone: str, topics: Sequence[Topic], language: str | None = None) -> None:
    """Publish the request in `language` (the workspace's texts for it, else the built-in ones,
    else its defaults); a failure is logged by reply_events, and the request stays recorded."""
    from optout.services.accounts import get_workspace

    settings = get_workspace(inbox.workspace_id).settings.for_language(language)
    text = request_text(settings, definitions(topics))
    reply = reply_events.Reply(inbox.workspace_id, inbox.provider, inbox.number, phone, text, None, "double_opt_in")
    reply_events.publish([reply])
