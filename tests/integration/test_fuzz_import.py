"""Bounded fuzzing of the CSV import through the real contacts API handler.

A malformed import (no usable header, duplicate or blank column names, too many columns, a body
that is not UTF-8, the wrong Content-Type) must answer 4xx with the error shape and write
nothing, whatever rows follow. Rows that are each unusable are rejected one by one: the import
answers 200 with every row in `rejections`, and still writes nothing.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from local_stack import lambdas, template
from optout.services import importer

IMPORT = "/v1/contacts/import"
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
FUZZ = settings(
    max_examples=60, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CELL = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
NOT_PHONE_COLUMN = CELL.filter(lambda c: importer._column_name(c) not in ("phone", ""))
ROWS = st.lists(st.lists(CELL, max_size=6), max_size=8)


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def post_import(workspace: dict[str, str], body: bytes, content_type: str | None = "text/csv") -> tuple[int, Any]:
    spec = template.functions()["ContactsApiFunction"]
    headers = {"Authorization": f"Bearer {workspace['member']}"}
    if content_type:
        headers["Content-Type"] = content_type
    try:
        text, is_base64 = body.decode("utf-8"), False
    except UnicodeDecodeError:
        text, is_base64 = base64.b64encode(body).decode(), True  # as API Gateway passes binary
    event = lambdas.api_gateway_event(
        method="POST", resource=IMPORT, path=IMPORT, headers=headers, body=text, is_base64=is_base64
    )
    response = lambdas.load_handler(spec)(event, lambdas.LambdaContext(spec.logical_id))
    return response["statusCode"], json.loads(response["body"])


@pytest.fixture
def writes(ddb_calls):
    return lambda: sum(1 for name in ddb_calls if name in WRITES)


@st.composite
def malformed_csv(draw: st.DrawFn) -> tuple[bytes, str | None]:
    rows = draw(ROWS)
    kind = draw(st.sampled_from(["no_phone", "duplicate", "blank_name", "too_wide", "empty", "not_utf8", "media"]))
    others = draw(st.lists(NOT_PHONE_COLUMN, max_size=5, unique_by=importer._column_name))
    if kind == "no_phone":
        return to_csv(others or ["name"], rows).encode(), "text/csv"
    if kind == "duplicate":
        twin = draw(st.sampled_from(["phone", *others]))
        return to_csv(["phone", *others, twin], rows).encode(), "text/csv"
    if kind == "blank_name":
        blank = draw(st.sampled_from(["", " ", "\t"]))
        return to_csv(["phone", *others, blank], rows).encode(), "text/csv"
    if kind == "too_wide":
        wide = [f"c{i}" for i in range(importer.MAX_COLUMNS)]
        return to_csv(["phone", *wide], rows).encode(), "text/csv"
    if kind == "empty":
        return draw(st.sampled_from(["", "\n", "\r\n"])).encode(), "text/csv"
    if kind == "not_utf8":
        good = to_csv(["phone", *others], [["+14155550100"], *rows]).encode()
        at = draw(st.integers(0, len(good)))
        return good[:at] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80abc"])) + good[at:], "text/csv"
    media = draw(st.sampled_from([None, "application/json", "application/x-www-form-urlencoded", "image/png"]))
    return to_csv(["phone"], [["+14155550100"]]).encode(), media


@FUZZ
@given(case=malformed_csv())
def test_malformed_import_is_4xx_and_writes_nothing(api, workspace, writes, case):
    body, content_type = case
    before = writes()
    status, answer = post_import(workspace, body, content_type)
    assert 400 <= status < 500, f"{body[:300]!r} ({content_type}): answered {status} {answer}"
    assert {"code", "message", "details"} <= set(answer["error"]), answer
    assert writes() == before, f"{body[:300]!r}: wrote for a refused import"


BAD_PHONE = st.one_of(
    st.sampled_from(["", "12", "+", "abc", "+1 000", "00000000000000000000000"]),
    st.text(st.characters(categories=["L", "P", "Zs"]), min_size=1, max_size=15),
)


@FUZZ
@given(rows=st.lists(st.tuples(BAD_PHONE, CELL), min_size=1, max_size=8))
def test_rows_without_a_usable_phone_are_each_rejected_and_nothing_is_written(api, workspace, writes, rows):
    body = to_csv(["phone", "name"], [list(r) for r in rows]).encode()
    before = writes()
    status, answer = post_import(workspace, body)
    assert status == 200, answer
    assert answer["created"] == answer["updated"] == answer["opted_out"] == 0, answer
    assert answer["rejected"] == answer["rows"] == len(answer["rejections"]), answer
    assert writes() == before, f"{body[:300]!r}: wrote for rows that were all rejected"


def test_a_good_row_does_write(api, workspace, writes):
    """The fuzzed imports differ from this one; it must write, or counting writes proves nothing."""
    status, answer = post_import(workspace, to_csv(["phone", "name"], [["+14155550100", "Ada"]]).encode())
    assert status == 200 and answer["created"] == 1, answer
    assert writes() > 0
