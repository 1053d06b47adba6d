"""DynamoDB requests per operation (they do not vary with the machine) and import throughput."""

from __future__ import annotations

import time

from benchmarks.common import count_requests, moto_stack, phone, table


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


def run() -> None:
    from optout.services import eligibility, importer

    with moto_stack():
        principal = _principal()
        print("\nEligibility: DynamoDB requests per check")
        rows = []
        for count in (1, 100, 101, 10_000):
            phones = [phone(500_000 + i) for i in range(count)]
            with count_requests() as counts:
                eligibility.check_eligibility(principal, phones)
            rows.append(
                (
                    count,
                    counts["BatchGetItem"],
                    sum(counts.values()) - counts["BatchGetItem"],
                    f"{counts['BatchGetItem'] / max(1, -(-count // 100)):.2f}",
                )
            )
        print(table(rows, ("numbers", "BatchGetItem", "other", "BatchGetItem per 100 numbers")))

        # By topic: the same BatchGetItem reads each contact's topic map (topics cached: no more reads).
        from optout.services import topics

        topics.put_topic(principal, "marketing", name="Marketing", express_consent=True, keywords=[])
        eligibility.check_eligibility(principal, [phone(499_999)], "marketing")  # the topics cache
        rows = []
        for count in (1, 100, 101, 10_000):
            phones = [phone(500_000 + i) for i in range(count)]
            with count_requests() as counts:
                eligibility.check_eligibility(principal, phones, "marketing")
            rows.append((count, counts["BatchGetItem"], sum(counts.values()) - counts["BatchGetItem"]))
        print("\nEligibility by topic: DynamoDB requests per check (warm topics cache)")
        print(table(rows, ("numbers", "BatchGetItem", "other")))

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
