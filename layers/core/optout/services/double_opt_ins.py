"""Double opt-in requests (rules/double_opt_in.py): which business number sends the "Reply YES to
confirm" text, and its publication on the replies bus, as every out-of-band reply."""

from __future__ import annotations

from collections.abc import Sequence

from optout import reply_events
from optout.models import Inbox
from optout.repository.inboxes import list_inboxes
from optout.repository.topics import Topic
from optout.rules.double_opt_in import request_text
from optout.services.topics import Unprocessable, definitions


def sending_inbox(workspace_id: str) -> Inbox:
    """The workspace's first business number (by number): a request needs one to come from."""
    inboxes = sorted(list_inboxes(workspace_id), key=lambda inbox: inbox.number)
    if not inboxes:
        raise Unprocessable(
            "a double opt-in needs a business number to send its request from; register an inbox first",
            code="no_inbox",
            details={"field": "double_opt_in"},
        )
    return inboxes[0]


def send_request(inbox: Inbox, phone: str, topics: Sequence[Topic]) -> None:
    """Publish the request (a failure is logged by reply_events; the request stays recorded)."""
    from optout.services.accounts import get_workspace

    text = request_text(get_workspace(inbox.workspace_id).settings, definitions(topics))
    reply = reply_events.Reply(inbox.workspace_id, inbox.provider, inbox.number, phone, text, None, "double_opt_in")
    reply_events.publish([reply])
