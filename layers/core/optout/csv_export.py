"""The one CSV writer of the service: every cell made safe to open in a spreadsheet.

A cell whose first character is `= + - @`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets, and so is its full-width twin (U+FF1D, U+FF0B, U+FF0D,
U+FF20), which some spreadsheets fold to ASCII. Such a cell is written with a leading `'`, which
spreadsheets take as "this is text" (OWASP's advice). That includes phone numbers:
`'+14155550100` shows as the text +14155550100, where a bare `+14155550100` would become the
number 14155550100. A value that starts with `'` gets one more, so programs reading the file
just drop one leading `'` from any cell that has one (docs/csv-export.md).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from optout.models import iso

FORMULA_STARTS = frozenset("=+-@\t\r")
TEXT_MARKER = "'"


def starts_a_formula(text: str) -> bool:
    # NFKC folds full-width and small forms (U+FF1D, U+FE62) to the ASCII character they stand for.
    return bool(text) and (text[0] in FORMULA_STARTS or unicodedata.normalize("NFKC", text[0])[:1] in FORMULA_STARTS)


def cell(value: Any) -> str:
    """One value as spreadsheet-safe text: None is empty, times are ISO 8601 UTC."""
    if value is None:
        return ""
    text = iso(value) if isinstance(value, datetime) else str(value)
    # A value that starts with the marker itself gets one too, so readers can always drop one.
    return TEXT_MARKER + text if starts_a_formula(text) or text.startswith(TEXT_MARKER) else text


def to_csv(header: Sequence[str] | None, rows: Iterable[Sequence[Any]]) -> str:
    """RFC 4180 CSV (CRLF line ends) with every cell, the header's too, made safe by `cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header is not None:
        writer.writerow([cell(name) for name in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return out.getvalue()
