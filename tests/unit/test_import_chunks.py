"""The import job's split of a CSV file into chunks, and its progress arithmetic (pure rules)."""

from __future__ import annotations

import csv
import io
import random

import pytest

from optout.rules import import_chunks
from optout.rules.import_chunks import SplitError, counts_as_row, ends_in_quotes, physical_lines, plan_chunks


def _plan(body: bytes, **options: int) -> import_chunks.SplitPlan:
    return plan_chunks(physical_lines([body]), **options)


def _records(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("blocks", "lines"),
    [
        ([b"a\nb\n"], [b"a\n", b"b\n"]),
        ([b"a", b"\nb", b"c\n"], [b"a\n", b"bc\n"]),
        ([b"a\r\n", b"", b"b"], [b"a\r\n", b"b"]),
        ([b"\n\n"], [b"\n", b"\n"]),
        ([], []),
    ],
)
def test_physical_lines_rejoin_blocks_at_newlines(blocks: list[bytes], lines: list[bytes]) -> None:
    assert list(physical_lines(blocks)) == lines


@pytest.mark.parametrize(
    ("line", "open_before", "open_after"),
    [
        (b"+14155550100,Ann,no\n", False, False),
        (b'+14155550100,"Lee, Ann",no\n', False, False),
        (b'+14155550100,"first line\n', False, True),
        (b'second line",no\n', True, False),
        (b'still "" inside\n', True, True),
        (b'+14155550100,5\'10",no\n', False, False),  # a quote inside an unquoted field is literal
        (b'"a""b",c\n', False, False),
        (b'"a"x"y,b\n', False, False),  # after a closing quote the field runs on unquoted
        (b'"",""\n', False, False),
        (b'"\n', False, True),
        (b'"\n', True, False),
    ],
)
def test_quotes_open_and_close_as_the_csv_reader_reads_them(line: bytes, open_before: bool, open_after: bool) -> None:
    assert ends_in_quotes(line, open_before) is open_after


@pytest.mark.parametrize(
    ("record", "counted"),
    [
        (b"+14155550100,Ann\n", True),
        (b"\n", False),
        (b"\r\n", False),
        (b" , ,\n", False),
        (b'"",""\n', False),
        (b'" , "\n', True),  # a quoted comma is a value
        (b"\xc3\xa9\n", True),
        (b"\xa0\n", True),  # not UTF-8: a row, which the chunk rejects
    ],
)
def test_blank_records_are_not_rows_as_in_the_sync_import(record: bytes, counted: bool) -> None:
    assert counts_as_row(record) is counted


def test_chunks_end_on_record_boundaries_and_number_their_lines() -> None:
    body = b'phone,note\n+14155550100,"two\nlines"\n+14155550101,x\n\n+14155550102,"a,b"\n+14155550103,y\n'
    plan = _plan(body, chunk_rows=2)
    assert plan.header == b"phone,note\n"
    assert [(c.start, c.end, c.first_line, c.rows) for c in plan.chunks] == [
        (11, 51, 2, 2),  # a row over lines 2-3, then line 4
        (51, 71, 5, 1),  # a blank line (not a row) and line 6
        (71, 86, 7, 1),
    ]
    assert plan.rows_total == 4
    assert b"".join(body[c.start : c.end] for c in plan.chunks) == body[len(plan.header) :]


def test_no_chunk_splits_a_row_whatever_the_size() -> None:
    """Random files with quoted newlines, commas and quotes: each chunk parses to whole records,
    and the chunks' records are the file's records, in order."""
    rng = random.Random(14)
    cells = ["a", "", "x y", '"q ""w"""', '"line\nbreak"', '"c,d"', "5'10\"", '"\r\n"']
    for _ in range(50):
        rows = [",".join(rng.choice(cells) for _ in range(3)) for _ in range(rng.randint(0, 40))]
        body = ("phone,a,b\n" + "\n".join(rows) + ("\n" if rng.random() < 0.5 else "")).encode()
        plan = _plan(body, chunk_rows=rng.randint(1, 7))
        whole = _records(body.decode())[1:]
        parts = [r for c in plan.chunks for r in _records(body[c.start : c.end].decode())]
        assert parts == whole
        assert plan.rows_total == sum(1 for r in whole if any(v.strip() for v in r))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "the file is empty"),
        (b"\n", "the file is empty"),
        (b'phone,note\n+14155550100,"never closed\n' + b"x\n" * 40_000, "is longer than 65,536 bytes"),
        (b"phone\n" + b"+14155550100\n" * 4, "more than 3 rows"),
    ],
)
def test_files_that_cannot_be_imported_say_why(body: bytes, message: str) -> None:
    with pytest.raises(SplitError, match=message):
        _plan(body, max_rows=3)


def test_a_header_only_file_has_no_chunks() -> None:
    plan = _plan(b"phone,name\n")
    assert (plan.chunks, plan.rows_total, plan.header) == ([], 0, b"phone,name\n")


@pytest.mark.parametrize(
    ("done", "total", "finished", "percent"),
    [
        (0, None, False, 0),
        (0, 0, False, 0),
        (0, 1_000_000, False, 0),
        (5_000, 1_000_000, False, 0),
        (10_000, 1_000_000, False, 1),
        (999_999, 1_000_000, False, 99),
        (1_000_000, 1_000_000, False, 99),  # every row counted, the last chunk not yet joined
        (1_000_000, 1_000_000, True, 100),
        (0, 0, True, 100),
    ],
)
def test_progress_is_whole_percent_and_100_only_when_finished(
    done: int, total: int | None, finished: bool, percent: int
) -> None:
    assert import_chunks.progress_percent(done, total, finished=finished) == percent


@pytest.mark.parametrize(
    ("done", "total", "complete"),
    [(0, None, False), (0, 0, True), (1, 2, False), (2, 2, True), (3, 2, True)],
)
def test_an_import_is_complete_when_every_chunk_is_recorded(done: int, total: int | None, complete: bool) -> None:
    assert import_chunks.is_complete(done, total) is complete
