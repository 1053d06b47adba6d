"""How an import job cuts a CSV file into chunks, and how far along it is. Pure: bytes in, plans out.

The splitter reads the file once, line by line, and ends a chunk only where a record ends, so a
chunk boundary never splits a row. A record ends at a newline outside quotes; quotes are read as
Python's csv reader reads them (a quote opens a quoted field only at a field's start, `""` inside
one is a quote), so a quoted field may hold newlines and still stays within one chunk. Lines end
with "\\n" (or "\\r\\n"); the line numbers are the file's physical lines, as the synchronous import
reports them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

CHUNK_ROWS = 5_000
MAX_JOB_ROWS = 1_000_000
MAX_RECORD_BYTES = 64 * 1024  # 60 columns of 1,000 characters fit; more is an unclosed quote
# A quoted field's content up to its closing quote: `""` is a quote, so a closing one is a quote
# not followed by another.
_QUOTED_REST = re.compile(rb'(?:[^"]|"")*"(?!")')
_CONTENT = re.compile(rb"[0-9A-Za-z+]")


class SplitError(ValueError):
    """The file cannot be imported at all; the message says why, for the person who sent it."""


@dataclass(frozen=True, slots=True)
class ChunkRange:
    """Bytes [start, end) of the file: whole records from physical line `first_line` on."""

    index: int
    start: int
    end: int
    first_line: int
    rows: int


@dataclass
class SplitPlan:
    header: bytes = b""
    chunks: list[ChunkRange] = field(default_factory=list)
    rows_total: int = 0


def physical_lines(blocks: Iterable[bytes]) -> Iterator[bytes]:
    """The lines of a byte stream read in blocks, each with its "\\n" (the last may lack one)."""
    pending = b""
    for block in blocks:
        pending += block
        start = 0
        while (end := pending.find(b"\n", start)) != -1:
            yield pending[start : end + 1]
            start = end + 1
        pending = pending[start:]
    if pending:
        yield pending


def ends_in_quotes(line: bytes, in_quotes: bool) -> bool:
    """Whether a quoted field is still open at the end of `line`, given whether one was open at
    its start. Outside quotes, only a quote at a field's start opens one (as the csv reader)."""
    if not in_quotes and b'"' not in line:
        return False
    pos = 0
    while True:
        if in_quotes:
            closed = _QUOTED_REST.match(line, pos)
            if closed is None:
                return True
            in_quotes, pos = False, closed.end()
        elif line[pos : pos + 1] == b'"':
            in_quotes, pos = True, pos + 1
            continue
        comma = line.find(b",", pos)
        if comma == -1:
            return False
        pos = comma + 1


def counts_as_row(record: bytes) -> bool:
    """Whether the synchronous import would count this record as a row (it skips blank ones)."""
    if _CONTENT.search(record):
        return True
    try:
        values = next(csv.reader([record.decode("utf-8", "surrogateescape")]), [])
    except csv.Error:
        return True  # an unreadable record is a rejected row
    return any(v.strip() for v in values)


def _records(lines: Iterable[bytes]) -> Iterator[tuple[int, int, bytes]]:
    """(first line, byte offset, record) for each record, a record being one or more lines."""
    offset = 0
    start, first, in_quotes, size = 0, 1, False, 0
    parts: list[bytes] = []
    for line_number, line in enumerate(lines, start=1):
        if not parts:
            start, first, size = offset, line_number, 0
        parts.append(line)
        size += len(line)
        offset += len(line)
        if size > MAX_RECORD_BYTES:
            raise SplitError(
                f"the row on line {first} is longer than {MAX_RECORD_BYTES:,} bytes (is a quote left open?)"
            )
        in_quotes = ends_in_quotes(line, in_quotes)
        if not in_quotes:
            yield first, start, b"".join(parts)
            parts = []
    if parts:
        yield first, start, b"".join(parts)


def plan_chunks(lines: Iterable[bytes], *, chunk_rows: int | None = None, max_rows: int | None = None) -> SplitPlan:
    """Read the header record and cut the rest into chunks of `chunk_rows` records (CHUNK_ROWS)."""
    chunk_rows, max_rows = chunk_rows or CHUNK_ROWS, max_rows or MAX_JOB_ROWS
    plan = SplitPlan()
    chunk_start, chunk_line, in_chunk, rows_in_chunk, end = 0, 0, 0, 0, 0
    for first, start, record in _records(lines):
        end = start + len(record)
        if first == 1:
            plan.header, chunk_start, chunk_line = record, end, 2
            continue
        if in_chunk == 0:
            chunk_start, chunk_line = start, first
        in_chunk += 1
        if counts_as_row(record):
            rows_in_chunk += 1
            plan.rows_total += 1
            if plan.rows_total > max_rows:
                raise SplitError(f"the file has more than {max_rows:,} rows; split it into several imports")
        if in_chunk == chunk_rows:
            plan.chunks.append(ChunkRange(len(plan.chunks), chunk_start, end, chunk_line, rows_in_chunk))
            in_chunk, rows_in_chunk = 0, 0
    if in_chunk:
        plan.chunks.append(ChunkRange(len(plan.chunks), chunk_start, end, chunk_line, rows_in_chunk))
    if not plan.header.strip():
        raise SplitError("the file is empty; send a header row naming a 'phone' column")
    return plan


# --- progress ---------------------------------------------------------------------------------


def progress_percent(rows_done: int, rows_total: int | None, *, finished: bool) -> int:
    """Whole percent done: 100 only once the import has finished, never before."""
    if finished:
        return 100
    if not rows_total:
        return 0
    return min(99, rows_done * 100 // rows_total)


def is_complete(chunks_done: int, chunks_total: int | None) -> bool:
    """Every chunk recorded (an import with no rows has no chunks and is complete once split)."""
    return chunks_total is not None and chunks_done >= chunks_total
