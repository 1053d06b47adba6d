"""CSV import of up to 10,000 contacts in one request, with reads and writes batched.

Larger files go through an import job (`POST /v1/imports`, services/import_jobs.py), which
applies each chunk of the file with the same functions: `parse_records` and `apply_rows`.

Per 100 rows: one BatchGetItem, then TransactWriteItems of up to 100 items (a status change takes
two: the contact and its event). Every write is conditional on the version read, so an opt-out
that arrives during the import is never overwritten; such rows are re-read and decided again
(`repository.retry_on_conflict`). What each row does is decided in `optout.rules.importing`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from optout import repository
from optout.errors import InvalidInput, InvalidPhone, PayloadTooLarge
from optout.models import Principal, utc_now
from optout.phones import normalize_phone
from optout.rules.importing import ImportOutcome, ImportRow, decide_rows, parse_opt_out
from optout.services.accounts import get_workspace

__all__ = [
    "Columns",
    "ImportReport",
    "ImportRow",
    "apply_rows",
    "columns_of",
    "import_contacts",
    "parse_csv",
    "parse_opt_out",
    "parse_records",
    "records_with_lines",
]

MAX_ROWS = 10_000  # a request's time limit; larger files go through POST /v1/imports
JOB_PATH = "/v1/imports"
MAX_COLUMNS = 60
MAX_VALUE_LENGTH = 1_000
_WRITERS = 8
_CHANGED_MEANWHILE = "the contact changed during the import; import this row again"
_HEADER_ALIASES = {"optout": "opt_out", "opted_out": "opt_out", "phone_number": "phone"}


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    opted_out: int = 0
    kept: int = 0
    rejected: int = 0
    rejections: list[dict[str, Any]] = field(default_factory=list)

    def count(self, outcome: ImportOutcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    def reject(self, line: int, reason: str, value: str | None = None) -> None:
        self.rejected += 1
        entry: dict[str, Any] = {"line": line, "reason": reason}
        if value is not None:
            entry["phone"] = value[:64]
        self.rejections.append(entry)


def _column_name(raw: str) -> str:
    name = re.sub(r"[\s\-]+", "_", raw.strip().lstrip("\ufeff").lower())
    return _HEADER_ALIASES.get(name, name)


@dataclass(frozen=True)
class Columns:
    """The header's columns, and where the ones with a meaning are."""

    names: list[str]
    phone_at: int
    name_at: int | None
    opt_out_at: int | None
    attributes: list[tuple[int, str]]


def _read_header(reader: Any) -> Columns:
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput("the CSV is empty; send a header row naming a 'phone' column") from None
    except csv.Error as exc:
        raise InvalidInput(f"the CSV header cannot be read: {exc}") from None
    return columns_of(header)


def columns_of(header: list[str]) -> Columns:
    """The columns a header row names; InvalidInput if it lacks `phone` or repeats a name."""
    columns = [_column_name(c) for c in header]
    if "phone" not in columns:
        raise InvalidInput("the CSV header must name a 'phone' column", details={"columns": columns[:MAX_COLUMNS]})
    if len(columns) > MAX_COLUMNS:
        raise InvalidInput(f"at most {MAX_COLUMNS} columns")
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates or "" in columns:
        raise InvalidInput("column names must be unique and non-empty", details={"columns": duplicates})
    return Columns(
        names=columns,
        phone_at=columns.index("phone"),
        name_at=columns.index("name") if "name" in columns else None,
        opt_out_at=columns.index("opt_out") if "opt_out" in columns else None,
        attributes=[(i, c) for i, c in enumerate(columns) if c not in ("phone", "name", "opt_out")],
    )


def _parse_row(line: int, values: list[str], columns: Columns, default_region: str) -> ImportRow | str:
    """One record as a row to import, or why it is rejected."""
    if len(values) > len(columns.names):
        return f"{len(values)} fields but the header names {len(columns.names)}"
    values = values + [""] * (len(columns.names) - len(values))
    try:
        phone = normalize_phone(values[columns.phone_at], default_region)
        opt_out = parse_opt_out(values[columns.opt_out_at]) if columns.opt_out_at is not None else None
    except InvalidPhone as exc:
        return exc.message
    except ValueError as exc:
        return str(exc)
    if any(len(v) > MAX_VALUE_LENGTH for v in values):
        return f"a value is longer than {MAX_VALUE_LENGTH} characters"
    name = values[columns.name_at].strip() if columns.name_at is not None else ""
    attributes = {c: values[i].strip() for i, c in columns.attributes if values[i].strip()}
    return ImportRow(line, phone, name or None, attributes, opt_out)


def parse_csv(text: str, default_region: str, report: ImportReport) -> list[ImportRow]:
    """Parse and validate every row; bad rows go to the report, good ones are returned."""
    reader = csv.reader(io.StringIO(text))
    columns = _read_header(reader)
    return parse_records(records_with_lines(reader, report), columns, default_region, report, max_rows=MAX_ROWS)


def parse_records(
    records: Iterable[tuple[int, list[str]]],
    columns: Columns,
    default_region: str,
    report: ImportReport,
    *,
    max_rows: int | None,
) -> list[ImportRow]:
    """Validate records (line, values): bad rows go to the report, good ones are returned.
    A number repeated within `records` is rejected as a duplicate of its first line."""
    rows: list[ImportRow] = []
    seen: dict[str, int] = {}
    for line, values in records:
        if not any(v.strip() for v in values):
            continue  # blank line
        report.rows += 1
        if max_rows is not None and report.rows > max_rows:
            raise PayloadTooLarge(
                f"at most {max_rows:,} rows per request; import larger files with POST {JOB_PATH}",
                code="too_many_rows",
                details={"max_rows": max_rows, "import_job": JOB_PATH},
            )
        parsed = _parse_row(line, values, columns, default_region)
        raw_phone = values[columns.phone_at] if columns.phone_at < len(values) else ""
        if isinstance(parsed, str):
            report.reject(line, parsed, raw_phone)
        elif parsed.phone in seen:
            report.reject(line, f"duplicate of line {seen[parsed.phone]}", raw_phone)
        else:
            seen[parsed.phone] = line
            rows.append(parsed)
    return rows


def records_with_lines(reader: Any, report: ImportReport, *, first_line: int = 1) -> Iterator[tuple[int, list[str]]]:
    """Yield each record with the line it starts on (the reader's first line is `first_line`);
    a broken record is rejected, not fatal."""
    offset = first_line - 1
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report.rows += 1
            report.reject(start + offset, f"unreadable CSV record: {exc}")
            start = reader.line_num + 1
            continue
        yield start + offset, values
        start = reader.line_num + 1


def _import_batch(principal: Principal, rows: list[ImportRow]) -> list[tuple[ImportRow, ImportOutcome | str]]:
    """Read, decide and write up to 100 rows; returns each row's outcome or rejection reason.

    A transaction that lost a race is refused whole: only its rows are read and decided again,
    so a row written already is never counted twice.
    """
    results: list[tuple[ImportRow, ImportOutcome | str]] = []
    pending = rows

    def attempt() -> None:
        nonlocal pending
        data = repository.batch_get_contacts(principal.workspace_id, [r.phone for r in pending])
        existing = {phone: repository.contact_from_data(item) for phone, item in data.items()}
        decided = decide_rows(
            pending,
            existing,
            workspace_id=principal.workspace_id,
            initiator=principal.initiator,
            now=utc_now(),
            revoke_all_effective=get_workspace(principal.workspace_id).settings.revoke_all_effective,
        )
        results.extend((d.row, d.outcome) for d in decided if d.write is None)
        writes = [d for d in decided if d.write is not None]
        failed = repository.write_in_chunks([d.write for d in writes if d.write is not None])
        results.extend((d.row, d.outcome) for index, d in enumerate(writes) if index not in failed)
        pending = [d.row for index, d in enumerate(writes) if index in failed]
        if pending:
            raise repository.TransactionConflict(sorted(failed))

    try:
        repository.retry_on_conflict(attempt)
    except repository.TransactionConflict:
        results.extend((row, _CHANGED_MEANWHILE) for row in pending)
    return results


def apply_rows(principal: Principal, rows: list[ImportRow], report: ImportReport) -> None:
    """Decide and write parsed rows, counting each outcome (or rejection) in `report`."""
    batches = repository.read_batches(rows)
    # Batches touch disjoint contacts, so they can run side by side within the API's time limit.
    with ThreadPoolExecutor(max_workers=_WRITERS) as pool:
        for results in pool.map(lambda batch: _import_batch(principal, batch), batches):
            for row, outcome in results:
                if isinstance(outcome, ImportOutcome):
                    report.count(outcome)
                else:
                    report.reject(row.line, outcome, row.phone)
    report.rejections.sort(key=lambda r: r["line"])


def import_contacts(principal: Principal, csv_text: str) -> ImportReport:
    report = ImportReport()
    region = get_workspace(principal.workspace_id).settings.default_region
    apply_rows(principal, parse_csv(csv_text, region, report), report)
    return report
