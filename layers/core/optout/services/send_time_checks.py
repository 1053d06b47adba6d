"""The send-time checks of eligibility (docs/send-time-rules.md), for the numbers consent allows,
cheapest first:

1. a reassigned-number "yes" kept on the contact (read with consent: no request);
2. the send log of the numbers a frequency cap applies to: one BatchGetItem per 100 of them;
3. the send-time rules (pure): quiet hours in every zone the recipient may be in, and the caps;
4. the lookups (reassigned numbers, line type), only for the numbers that passed all of the above
   and only when the workspace enables one (docs/lookups.md).

Suppressed (never: reassigned, landline) beats deferred (later: quiet hours, caps). A number the
lookups could not check stays sendable and is listed in `not_checked`, so the sender decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from optout import repository
from optout.errors import Unprocessable
from optout.lookup_settings import LookupSettings
from optout.models import WorkspaceSettings, utc_now
from optout.rules.recipient_location import RecipientLocation, locate
from optout.rules.send_windows import (
    CapReason,
    QuietHoursReason,
    SendTimeDecision,
    applicable_rules,
    decide_send_time,
)
from optout.send_records import SentMessage
from optout.send_rule_table import FREQUENCY_CAP, RuleTable, SendRule, load_rule_table

# What the consent read must also take: where the contact is, when it consented, lookup evidence.
PROJECTION = ("attributes", "created_at", "last_opt_in_at", "reassigned_check")
MAX_AHEAD = timedelta(days=30)
MAX_BEHIND = timedelta(minutes=5)  # a planned time a little in the past is a request sent late
REASSIGNED_RULE, LINE_TYPE_RULE = "fcc-reassigned-numbers", "line-type"


@dataclass
class SendTimeOutcome:
    rules_version: str
    sendable: list[str] = field(default_factory=list)
    deferred: list[dict[str, Any]] = field(default_factory=list)
    suppressed: list[dict[str, Any]] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Plan:
    phone: str
    record: Mapping[str, Any] | None
    location: RecipientLocation
    rules: Sequence[SendRule]


def planned_send_time(at: datetime | None) -> datetime:
    """`at` in UTC (default now): at most 30 days ahead and 5 minutes behind, else a 422."""
    now = utc_now()
    if at is None:
        return now
    if at.tzinfo is None:
        raise Unprocessable("`at` needs a UTC offset, such as 2026-12-01T21:30:00-05:00", code="invalid_send_time")
    at = at.astimezone(UTC)
    earliest, latest = now - MAX_BEHIND, now + MAX_AHEAD
    if not earliest <= at <= latest:
        raise Unprocessable(
            "`at` must be within 5 minutes before now and 30 days after",
            code="send_time_out_of_range",
            details={"at": at.isoformat(), "earliest": earliest.isoformat(), "latest": latest.isoformat()},
        )
    return at


def check_send_time(
    workspace_id: str,
    settings: WorkspaceSettings,
    candidates: Sequence[tuple[str, Mapping[str, Any] | None]],
    topic: str | None,
    at: datetime,
    *,
    lookups: bool = True,
) -> SendTimeOutcome:
    """Split the numbers consent allows (each with its contact's record, None: no record) into
    sendable, deferred and suppressed, each not sendable one with its reasons."""
    table = load_rule_table()
    outcome = SendTimeOutcome(rules_version=table.version)
    plans = _plans(candidates, table, settings, at, outcome)
    logs = _send_logs(workspace_id, plans, at)
    decide = _Decider(settings, at, topic)
    passed: list[_Plan] = []
    for plan in plans:
        decision = decide(plan, logs.get(plan.phone, []))
        if decision.reasons:
            outcome.deferred.append(
                {"phone": plan.phone, "sendable_at": decision.sendable_at, "reasons": _rule_reasons(decision)}
            )
        else:
            passed.append(plan)
    if lookups:
        _look_up(workspace_id, settings.lookups, passed, outcome)
    else:  # the caller (the console's contact page) spends no paid lookup
        outcome.sendable = [plan.phone for plan in passed]
        outcome.not_checked = list(outcome.sendable) if lookups_enabled(settings.lookups) else []
    return outcome


def _plans(
    candidates: Sequence[tuple[str, Mapping[str, Any] | None]],
    table: RuleTable,
    settings: WorkspaceSettings,
    at: datetime,
    outcome: SendTimeOutcome,
) -> list[_Plan]:
    """Where each number is and which rules apply there; a number already shown reassigned is
    suppressed here, before anything is read for it."""
    rules_at: dict[RecipientLocation, list[SendRule]] = {}  # many numbers share a location
    plans: list[_Plan] = []
    for phone, record in candidates:
        evidence = _kept_reassignment(record)
        if evidence is not None:
            outcome.suppressed.append(_suppressed_row(phone, record, evidence, evidence["checked_at"]))
            continue
        location = locate(phone, (record or {}).get("attributes") or None)
        if location not in rules_at:
            rules_at[location] = applicable_rules(table, settings.send_rules, location, at)
        plans.append(_Plan(phone, record, location, rules_at[location]))
    return plans


def unreassigned(
    candidates: Sequence[tuple[str, Mapping[str, Any] | None]],
) -> tuple[list[str], list[dict[str, Any]]]:
    """With the send rules off: the numbers no kept reassigned "yes" rules out, and the suppressed
    rows of the others (the evidence speaks of who holds the number, not of when to send)."""
    sendable: list[str] = []
    suppressed: list[dict[str, Any]] = []
    for phone, record in candidates:
        evidence = _kept_reassignment(record)
        if evidence is None:
            sendable.append(phone)
        else:
            suppressed.append(_suppressed_row(phone, record, evidence, evidence["checked_at"]))
    return sendable, suppressed


def _send_logs(workspace_id: str, plans: Sequence[_Plan], at: datetime) -> dict[str, list[SentMessage]]:
    """The sends of the numbers a cap applies to, over the longest window of those caps."""
    windows = [
        rule.cap_window for plan in plans for rule in plan.rules if rule.kind == FREQUENCY_CAP and rule.cap_window
    ]
    capped = [plan.phone for plan in plans if any(rule.kind == FREQUENCY_CAP for rule in plan.rules)]
    if not capped or not windows:
        return {}
    return repository.batch_get_send_logs(workspace_id, capped, since=at - max(windows))


class _Decider:
    """decide_send_time, once per location for the numbers with no sends (the most of a list)."""

    def __init__(self, settings: WorkspaceSettings, at: datetime, topic: str | None) -> None:
        self._window = settings.send_rules.default_window
        self._at, self._topic = at, topic
        self._unsent: dict[RecipientLocation, SendTimeDecision] = {}

    def __call__(self, plan: _Plan, sends: Sequence[SentMessage]) -> SendTimeDecision:
        if not sends and plan.location in self._unsent:
            return self._unsent[plan.location]
        decision = decide_send_time(plan.rules, plan.location, self._at, sends, self._topic, self._window)
        if not sends:
            self._unsent[plan.location] = decision
        return decision


def _rule_reasons(decision: SendTimeDecision) -> list[dict[str, Any]]:
    reasons: list[dict[str, Any]] = []
    for reason in decision.reasons:
        if isinstance(reason, QuietHoursReason):
            reasons.append(
                {
                    "code": "quiet_hours",
                    "rule": reason.rule_id,
                    "next_allowed_at": reason.next_allowed_at,
                    "next_allowed_local": reason.next_allowed_local(),
                    "time_zone": reason.time_zone,
                }
            )
        elif isinstance(reason, CapReason):
            reasons.append(
                {
                    "code": "frequency_cap",
                    "rule": reason.rule_id,
                    "count": reason.count,
                    "limit": reason.limit,
                    "window_hours": reason.window.total_seconds() / 3600,
                    "frees_at": reason.frees_at,
                }
            )
    return reasons


def consent_date(record: Mapping[str, Any] | None) -> date | None:
    """The date the reassigned check asks about: the last opt-in, else the contact's creation."""
    stamp = (record or {}).get("last_opt_in_at") or (record or {}).get("created_at")
    return _instant(stamp).date() if stamp else None


def _instant(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _kept_reassignment(record: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The contact's reassigned "yes", as a reason, while it still speaks of the current consent:
    a consent given after the check is the new holder's, and the check no longer applies."""
    check = (record or {}).get("reassigned_check")
    if not isinstance(check, Mapping) or check.get("answer") != "yes" or not check.get("checked_at"):
        return None
    consented = (record or {}).get("last_opt_in_at") or (record or {}).get("created_at")
    checked_at = _instant(check["checked_at"])
    if consented and _instant(consented) > checked_at:
        return None
    return _reassigned_reason(str(check.get("asked_date")), str(check.get("source")), checked_at)


def _reassigned_reason(asked_date: Any, source: str, checked_at: datetime) -> dict[str, Any]:
    return {
        "code": "reassigned",
        "rule": REASSIGNED_RULE,
        "asked_date": asked_date,
        "source": source,
        "checked_at": checked_at,
    }


def _suppressed_row(
    phone: str, record: Mapping[str, Any] | None, reason: dict[str, Any], since: datetime
) -> dict[str, Any]:
    record = record or {}
    return {
        "phone": phone,
        "status": record.get("status"),
        "reason": record.get("status_reason"),
        "since": since,
        "reasons": [reason],
    }


def lookups_enabled(lookups: LookupSettings) -> bool:
    return bool(lookups.reassigned.provider or lookups.line_type.provider)


def _look_up(workspace_id: str, lookups: LookupSettings, passed: Sequence[_Plan], outcome: SendTimeOutcome) -> None:
    """The lookups for the numbers that passed every cheaper check (none when none is enabled)."""
    if not passed or not lookups_enabled(lookups):
        outcome.sendable = [plan.phone for plan in passed]
        return
    # Imported here: only the workspaces that enable a lookup load the adapters.
    from optout.lookups.lookup_runner import run_lookups
    from optout.lookups.ports import LookupRequest

    requests = [LookupRequest(plan.phone, consent_date(plan.record)) for plan in passed]
    results = run_lookups(workspace_id, requests, settings=lookups)
    for plan in passed:
        reasons: list[dict[str, Any]] = []
        reassigned = results.reassigned.get(plan.phone)
        if reassigned is not None and reassigned.answer == "yes":
            reasons.append(_reassigned_reason(reassigned.asked_date, reassigned.source, reassigned.checked_at))
        line = results.line_types.get(plan.phone)
        if line is not None and line.line_type == "landline":
            reasons.append(
                {"code": "landline", "rule": LINE_TYPE_RULE, "source": line.source, "checked_at": line.checked_at}
            )
        if reasons:
            row = _suppressed_row(plan.phone, plan.record, reasons[0], reasons[0]["checked_at"])
            outcome.suppressed.append({**row, "reasons": reasons})
        else:
            outcome.sendable.append(plan.phone)
    sendable = set(outcome.sendable)
    outcome.not_checked = [phone for phone in results.not_checked if phone in sendable]
