"""DynamoDB requests per operation (they do not vary with the machine), the CPU eligibility's
send-time rules add, and import throughput."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from benchmarks.common import count_requests, moto_stack, phone, table

SIZES = (1, 100, 101, 10_000)


def _daytime() -> datetime:
    """The next 19:00 UTC: by day in every US zone, so that quiet hours defer nothing."""
    now = datetime.now(UTC)
    at = now.replace(hour=19, minute=0, second=0, microsecond=0)
    return at if at > now + timedelta(minutes=10) else at + timedelta(days=1)


def _florida(i: int) -> str:
    """Miami numbers: Florida's cap applies to each, so each costs a send-log read (the worst case)."""
    return f"+1305{200 + i // 10_000}{i % 10_000:04d}"


def _principal():  # type: ignore[no-untyped-def]
    from optout.models import Principal, Role
    from optout.services import accounts

    workspace, key, _ = accounts.create_workspace("Bench")
    return Principal(workspace_id=workspace.id, key_id=key.key_id, key_name=key.name, role=Role.ADMIN)


def _csv(rows: int, start: int = 0) -> str:
    lines = ["phone,name,opt_out,plan"]
    for i in range(start, start + rows):
        lines.append(f"{phone(i)},Contact {i},{'yes' if i % 20 == 0 else 'no'},gold")
    return "\n".join(lines)


def _eligibility_requests(principal: Any) -> None:
    from optout.services import eligibility, topics

    at = _daytime()
    print("\nEligibility: DynamoDB requests per check, send rules on (the default)")
    rows = []
    for label, number in (("mixed area codes", phone), ("all Florida (capped)", _florida)):
        for count in SIZES:
            phones = [number(500_000 + i) for i in range(count)]
            with count_requests() as counts:
                result = eligibility.check_eligibility(principal, phones, at=at)
            assert len(result.sendable) == count, (label, count)
            batch_gets = counts["BatchGetItem"]
            per_100 = f"{batch_gets / max(1, -(-count // 100)):.2f}"
            rows.append((label, count, batch_gets, sum(counts.values()) - batch_gets, per_100))
    print(table(rows, ("numbers", "count", "BatchGetItem", "other", "BatchGetItem per 100 numbers (<= 2)")))

    # By topic: the same BatchGetItem reads each contact's topic map (topics cached: no more reads).
    topics.put_topic(principal, "marketing", name="Marketing", express_consent=True, keywords=[])
    eligibility.check_eligibility(principal, [phone(499_999)], "marketing", at)  # the topics cache
    rows = []
    for count in SIZES:
        phones = [phone(500_000 + i) for i in range(count)]
        with count_requests() as counts:
            eligibility.check_eligibility(principal, phones, "marketing", at)
        rows.append((count, counts["BatchGetItem"], sum(counts.values()) - counts["BatchGetItem"]))
    print("\nEligibility by topic: DynamoDB requests per check (warm topics cache)")
    print(table(rows, ("numbers", "BatchGetItem", "other")))


def _eligibility_cpu(principal: Any) -> None:
    """CPU of one check of 10,000 numbers with the send rules off and on, side by side in one run,
    and of the rules alone: locate, pick and decide, with the send-log read answered in memory."""
    from unittest import mock

    from optout import repository
    from optout.services import accounts, eligibility, send_time_checks
    from optout.services.accounts import get_workspace

    at = _daytime()
    rows = []
    for label, number in (("mixed area codes", phone), ("all Florida (capped)", _florida)):
        phones = [number(600_000 + i) for i in range(10_000)]
        seconds = {}
        for enabled in (False, True):
            accounts.update_settings(principal, {"send_rules": {"enabled": enabled}})
            seconds[enabled] = _cpu(eligibility.check_eligibility, principal, phones, at=at)
        settings = get_workspace(principal.workspace_id).settings
        candidates = [(p, None) for p in phones]
        with mock.patch.object(repository, "batch_get_send_logs", return_value={}):
            pure = _cpu(send_time_checks.check_send_time, principal.workspace_id, settings, candidates, None, at)
        rows.append(
            (label, f"{seconds[False] * 1000:.0f}", f"{seconds[True] * 1000:.0f}",
             f"{(seconds[True] - seconds[False]) * 1000:+.0f}", f"{pure * 1000:.0f}")
        )  # fmt: skip
    print("\nEligibility of 10,000 numbers: CPU ms per check (median of 3; moto's share included)")
    print(table(rows, ("numbers", "rules off", "rules on", "added", "rules alone (no storage)")))


def _cpu(run: Any, *args: Any, **kwargs: Any) -> float:
    """Median process CPU seconds of three calls."""
    samples = []
    for _ in range(3):
        start = time.process_time()
        run(*args, **kwargs)
        samples.append(time.process_time() - start)
    return sorted(samples)[len(samples) // 2]


def run() -> None:
    from optout.services import importer

    with moto_stack():
        principal = _principal()
        _eligibility_requests(principal)
        _eligibility_cpu(principal)

        print("\nCSV import: DynamoDB requests per row, and rows per second against moto")
        rows = []
        offset = 0
        for count in (1_000, importer.MAX_ROWS):  # the sync import's limit; larger: benchmarks/imports.py
            text = _csv(count, offset)
            offset += count
            with count_requests() as counts:
                start = time.perf_counter()
                report = importer.import_contacts(principal, text)
                seconds = time.perf_counter() - start
            assert report.rejected == 0, report.rejections[:3]
            total = sum(counts.values())
            per_op = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
            rows.append(
                (
                    count,
                    total,
                    f"{total / count:.4f}",
                    f"{count / seconds:,.0f}",
                    f"{report.created}/{report.opted_out}",
                    per_op,
                )
            )
        print(table(rows, ("rows", "requests", "requests/row (<0.06)", "rows/s", "created/opted_out", "by operation")))
