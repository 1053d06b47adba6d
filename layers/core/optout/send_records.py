"""Sent messages as the frequency caps count them (docs/send-counting.md). Plain records, below both
the rules that count them (rules/send_windows.py) and the send log that stores them
(repository/send_log.py), which may not import each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SentMessage:
    """One message a number was sent: when (aware UTC) and on what subject (None: unknown, which
    a cap counts against every topic)."""

    at: datetime
    topic: str | None


@dataclass(frozen=True)
class SendEntry:
    """One send to record: the number (E.164), the message's id (a second record of the same id
    changes nothing, except that the API's topic replaces a callback's unknown one), its time,
    topic and where it was learnt."""

    phone: str
    message_id: str
    at: datetime  # aware
    topic: str | None
    source: str  # "delivery_callback" | "api"
