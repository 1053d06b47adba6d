"""Reassigned-number answers from the workspace's own Reassigned Numbers Database subscription: it
uploads the results file (`POST /v1/reassigned-results`, CSV `phone,date,answer`), the answers
are cached like any lookup's, and a number and date the files never answered is "no_data".

Parsing is pure and all or nothing: every row is checked before anything is stored, and each bad
row is reported with its line number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime

from optout.errors import InvalidInput, InvalidPhone, PayloadTooLarge
from optout.lookups.ports import ReassignedAnswer
from optout.models import utc_now
from optout.phones import normalize_phone

SOURCE = "file"
MAX_ROWS = 10_000
MAX_REPORTED = 100  # bad rows named in one answer
COLUMNS = ("phone", "date", "answer")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{8}")  # YYYY-MM-DD or YYYYMMDD
_ANSWERS = {"yes": "yes", "no": "no", "no_data": "no_data", "no data": "no_data", "no_data_available": "no_data"}


class FileReassignedLookup:
    """What the files did not answer: cached file answers are found before this is asked."""

    source = SOURCE

    def __init__(self, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._clock = clock

    def check(self, phone: str, since: date) -> ReassignedAnswer:
        return ReassignedAnswer(phone, since, "no_data", SOURCE, self._clock())


def _date(text: str) -> date:
    # Only the two forms the database gives: fromisoformat alone also reads weeks ("2025-W11-5").
    cleaned = text.strip()
    if not _DATE.fullmatch(cleaned):
        raise ValueError("not YYYY-MM-DD or YYYYMMDD")
    digits = cleaned.replace("-", "")
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise InvalidInput(
            "the first row must name the columns phone, date and answer",
            code="invalid_header",
            details={"line": 1, "missing": missing},
        )
    if twice := [name for name in COLUMNS if names.count(name) > 1]:  # which one would count is a guess
        raise InvalidInput(
            "each of the columns phone, date and answer may be named once",
            code="invalid_header",
            details={"line": 1, "repeated": twice},
        )
    return {name: names.index(name) for name in COLUMNS}


def _row(cells: list[str], columns: dict[str, int], region: str, today: date) -> tuple[str, date, str]:
    if len(cells) <= max(columns.values()):
        raise ValueError("the row has fewer cells than the header")
    try:
        phone = normalize_phone(cells[columns["phone"]], region)
    except InvalidPhone as exc:
        raise ValueError(f"phone: {exc.message}") from None
    try:
        asked = _date(cells[columns["date"]])
    except ValueError:
        raise ValueError("date: use YYYY-MM-DD (or YYYYMMDD)") from None
    if asked > today:
        raise ValueError("date: in the future")
    answer = _ANSWERS.get(cells[columns["answer"]].strip().lower())
    if answer is None:
        raise ValueError("answer: use yes, no or no_data")
    return phone, asked, answer


def _lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each row. A row the csv module cannot read at all (a field over its
    128 KiB limit) refuses the file, naming its line, as any bad row does."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            problem = {"line": rows.line_num, "problem": f"the row cannot be read as CSV: {exc}"}
            raise InvalidInput(
                "1 rows are not valid; nothing was stored", code="invalid_rows", details={"rows": [problem], "count": 1}
            ) from None
        yield rows.line_num, cells


def parse_results(text: str, region: str, now: datetime) -> list[ReassignedAnswer]:
    """Every answer of a results file; InvalidInput naming each bad row (by line) if any is."""
    rows = _lines(text)
    _, header = next(rows, (0, None))
    if header is None:
        raise InvalidInput("the file is empty: send a header row and up to 10,000 rows", code="invalid_header")
    columns = _columns(header)
    seen: dict[tuple[str, date], tuple[int, str]] = {}
    problems: list[dict[str, object]] = []
    count = 0
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise PayloadTooLarge(f"at most {MAX_ROWS} rows per file", code="too_many_rows")
        try:
            phone, asked, answer = _row(cells, columns, region, now.date())
        except ValueError as exc:
            problems.append({"line": line, "problem": str(exc)})
            continue
        first = seen.setdefault((phone, asked), (line, answer))
        if first[1] != answer:
            problems.append({"line": line, "problem": f"line {first[0]} gives this phone and date another answer"})
    if problems:
        raise InvalidInput(
            f"{len(problems)} rows are not valid; nothing was stored",
            code="invalid_rows",
            details={"rows": problems[:MAX_REPORTED], "count": len(problems)},
        )
    return [ReassignedAnswer(phone, asked, answer, SOURCE, now) for (phone, asked), (_, answer) in seen.items()]
