"""What a lookup answers, the two lookup ports, and the three ways a lookup fails.

A failure is never an answer: a provider that is down or slow (`LookupUnavailable`) leaves the
number not checked, never a "no" (a false "no" would claim the FCC safe harbor without asking).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

REASSIGNED_ANSWERS = frozenset({"yes", "no", "no_data"})
# Line types, whoever answered: "other" is a type no text should need (pager, premium...),
# "invalid" a number no carrier serves.
LINE_TYPES = frozenset({"mobile", "landline", "voip", "toll_free", "other", "invalid", "unknown"})


@dataclass(frozen=True)
class ReassignedAnswer:
    """"Has this number been permanently disconnected on or after `asked_date`?" and the answer."""

    phone: str
    asked_date: date
    answer: str  # "yes" | "no" | "no_data"
    source: str  # "twilio" | "file"
    checked_at: datetime
    raw: Mapping[str, Any] = field(default_factory=dict)  # the provider's own fields, for the record


@dataclass(frozen=True)
class LineTypeAnswer:
    phone: str
    line_type: str  # one of LINE_TYPES
    source: str  # "twilio" | "aws"
    checked_at: datetime
    carrier: str | None = None


class ReassignedLookup(Protocol):
    source: str

    def check(self, phone: str, since: date) -> ReassignedAnswer: ...


class LineTypeLookup(Protocol):
    source: str

    def check(self, phone: str) -> LineTypeAnswer: ...


class LookupUnavailable(Exception):
    """The provider did not answer (5xx, throttling, a timeout, the network): try again later."""


class LookupRefused(Exception):
    """The provider refused this number (a 4xx or a per-number error code): `str()` says why."""


class LookupMisconfigured(Exception):
    """No number can be checked: the credentials are missing, unreadable or refused."""


@dataclass(frozen=True)
class LookupRequest:
    phone: str  # E.164
    consent_date: date | None  # None: no reassigned check is possible (nothing to ask about)


@dataclass(frozen=True)
class LookupResults:
    reassigned: dict[str, ReassignedAnswer]
    line_types: dict[str, LineTypeAnswer]
    not_checked: list[str]  # numbers a lookup they needed did not answer, in request order
    errors: dict[str, str] = field(default_factory=dict)  # why, for those a provider refused
