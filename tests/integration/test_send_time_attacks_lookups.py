"""Attacks on #15's lookups through the real contacts handler on moto tables: lookup secrets of
another namespace, results files that are malformed or hostile (nothing stored when any row is
bad), provider answers that are unreadable or break the rules of storage, refused credentials
(never cached, never shown), and caches that stay with their workspace. The tests marked
"regression" failed before their fix (test_send_time_attacks.py attacks the rest of #15)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, timedelta

import pytest

from optout import repository
from optout.lookups import twilio_lookup
from optout.repository import lookup_cache
from tests.fakes.lookup_http import FakeLookupHttp, line_type_body, reassigned_body
from tests.fakes.send_times import daytime
from tests.integration.test_send_time_attacks import (
    NOW,
    PHONE,
    SID,
    TOKEN,
    _eligibility,
    _error,
    _put,
    _settings,
    _twilio_secret,
)

CSV = {"Content-Type": "text/csv"}


@pytest.fixture
def http(monkeypatch: pytest.MonkeyPatch) -> FakeLookupHttp:
    fake = FakeLookupHttp()
    monkeypatch.setattr(twilio_lookup, "urlopen", fake)
    return fake


def _upload(api, workspace, text):
    return api.request("POST", "/v1/reassigned-results", key=workspace["admin"], body=text, headers=CSV)


def _cached(workspace, phone, sk):
    return lookup_cache.batch_get_lookups(workspace["id"], [(phone, sk)]).get((phone, sk))


def _enable_twilio(api, workspace):
    ref = _twilio_secret(workspace)
    lookups = {
        "reassigned": {"provider": "twilio", "secret_ref": ref},
        "line_type": {"provider": "twilio", "secret_ref": ref},
    }
    status, body = _put(api, workspace["admin"], {"lookups": lookups})
    assert status == 200, body


# --- PUT /v1/settings: lookups' secrets --------------------------------------------------------


def test_a_lookup_secret_outside_the_workspace_namespace_is_a_422(api, workspace, other_workspace):
    theirs = _twilio_secret(other_workspace)
    ours = workspace["id"]
    refs = [
        theirs,
        f"optout/{ours}/../{other_workspace['id']}/twilio-lookup",  # a literal name: no such secret
        f"optout/{ours}",
        f"optout/{ours}/",
        f"arn:aws:secretsmanager:us-east-1:123456789012:secret:{theirs}",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared/twilio",
        f"optout/{ours}x/twilio",
    ]
    before = _settings(workspace)
    for ref in refs:
        change = {"lookups": {"reassigned": {"provider": "twilio", "secret_ref": ref}}}
        status, answer = _put(api, workspace["admin"], change)
        _error(answer, status, 422)
        assert answer["error"]["details"]["field"] == "lookups.reassigned.secret_ref", ref
    for ref in ("arn:aws:s3:::bucket/optout", "arn:"):
        status, answer = _put(
            api, workspace["admin"], {"lookups": {"line_type": {"provider": "aws", "secret_ref": ref}}}
        )
        _error(answer, status, 400)
    assert _settings(workspace) == before


# --- POST /v1/reassigned-results --------------------------------------------------------------------

HEADER = "phone,date,answer\n"
ROW = f"{PHONE},2025-03-14,yes\n"
BAD_FILES = [
    # regression: the csv module's own error (a field over 128 KiB) escaped as a 500
    ("a field over the csv limit", HEADER + ROW + '"' + "x" * 200_000 + '",2025-03-14,no\n', "invalid_rows"),
    # regression: the first of two phone columns was read, silently
    ("a repeated column", "phone,phone,date,answer\n+12025550170,+12025550171,2025-03-14,yes\n", "invalid_header"),
    # regression: fromisoformat read ISO week and ordinal dates
    ("a week date", HEADER + f"{PHONE},2025-W11-5,yes\n", "invalid_rows"),
    ("an ordinal date", HEADER + f"{PHONE},2025-073,yes\n", "invalid_rows"),
    ("a date half compact", HEADER + f"{PHONE},2025-0314,yes\n", "invalid_rows"),
    ("empty", "", "invalid_header"),
    ("a header of semicolons", "phone;date;answer\n" + ROW, "invalid_header"),
    ("two BOMs", "\ufeff\ufeff" + HEADER + ROW, "invalid_header"),
    ("a formula", HEADER + ROW + '=HYPERLINK("https://example.com"),2025-03-14,no\n', "invalid_rows"),
    ("a comma inside quotes", HEADER + ROW + '"+1202555,0171",2025-03-14,no\n', "invalid_rows"),
    ("a newline inside quotes", HEADER + ROW + '"+1202555\n0171",2025-03-14,no\n', "invalid_rows"),
    ("a future date", HEADER + ROW + f"+12025550171,{(NOW + timedelta(days=2)).date()},no\n", "invalid_rows"),
    ("a year zero", HEADER + ROW + "+12025550171,0000-01-01,no\n", "invalid_rows"),
    ("a national number of another region", HEADER + ROW + "07700 900171,2025-03-14,no\n", "invalid_rows"),
    ("conflicting rows", HEADER + ROW + f"{PHONE},20250314,no\n", "invalid_rows"),
    ("an unknown answer", HEADER + ROW + "+12025550171,2025-03-14,maybe\n", "invalid_rows"),
    ("a NUL byte", HEADER + ROW + "+12025550171,2025-03-14,no\x00\n", "invalid_rows"),
    ("an unterminated quote", HEADER + ROW + '"+12025550171,2025-03-14,no\n', "invalid_rows"),
    ("a lone surrogate", HEADER + ROW + "+12025550171,2025-03-14,\udcffno\n", "invalid_encoding"),
]


@pytest.mark.parametrize(("label", "text", "code"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_results_file_is_a_400_and_stores_nothing(api, workspace, label, text, code):
    status, answer = _upload(api, workspace, text)
    _error(answer, status, 400, code)
    assert _cached(workspace, PHONE, lookup_cache.reassigned_sk(date(2025, 3, 14))) is None, label


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff" + HEADER.replace("\n", "\r\n") + ROW.replace("\n", "\r\n"),
        "Answer, Date ,PHONE\nyes,20250314," + PHONE + "\n",
        HEADER + '"' + PHONE + '","2025-03-14","yes"\n\n\n',
    ],
    ids=["bom and crlf", "any order and case", "quoted cells and blank lines"],
)
def test_results_files_in_other_shapes_are_read(api, workspace, text):
    assert _upload(api, workspace, text) == (200, {"rows": 1, "stored": 1, "kept": 0})


def test_a_header_alone_stores_nothing(api, workspace):
    assert _upload(api, workspace, HEADER) == (200, {"rows": 0, "stored": 0, "kept": 0})


def test_one_workspace_s_results_never_answer_for_another(api, workspace, other_workspace):
    for ws in (workspace, other_workspace):
        status, answer = api.request("POST", "/v1/contacts", key=ws["member"], json_body={"phone": PHONE})
        assert status in (200, 201), answer
        assert _put(api, ws["admin"], {"lookups": {"reassigned": {"provider": "file"}}})[0] == 200
    consented = datetime.fromisoformat(answer["created_at"].replace("Z", "+00:00")).date()
    assert _upload(api, workspace, f"{HEADER}{PHONE},{consented},yes\n")[0] == 200
    body = {"phones": [PHONE], "at": daytime()}
    assert [row["phone"] for row in _eligibility(api, workspace["member"], body)[1]["suppressed"]] == [PHONE]
    theirs = _eligibility(api, other_workspace["member"], body)[1]
    assert theirs["sendable"] == [PHONE] and theirs["suppressed"] == []
    assert _cached(other_workspace, PHONE, lookup_cache.reassigned_sk(consented))["answer"] == "no_data"


# --- lookups -----------------------------------------------------------------------------------------


def _contact(api, workspace, phone=PHONE):
    status, body = api.request("POST", "/v1/contacts", key=workspace["member"], json_body={"phone": phone})
    assert status in (200, 201), body


# regression: a provider's number that DynamoDB cannot hold (NaN, 1e999, 42 digits) or nesting it
# refuses was kept in the cached answer's `raw`: a 500 (or a 4xx blaming the caller) for the request.
# Now only short text is kept there (long text was storable, and is now left out too).
ODD_FIELDS = [b"NaN", b"1e999", b"1" * 42, b"[" * 40 + b"]" * 40, b'"' + b"d" * 5000 + b'"']


@pytest.mark.parametrize("odd", ODD_FIELDS, ids=["nan", "infinity", "42 digits", "nested", "long text"])
def test_a_provider_answer_with_odd_fields_is_still_an_answer(api, workspace, http, odd):
    _enable_twilio(api, workspace)
    _contact(api, workspace)

    def answer(phone, params):
        if params["Fields"] == "reassigned_number":
            reassigned = b'{"is_number_reassigned": "no", "error_code": null, "last_verified_date": ' + odd + b"}"
            return b'{"phone_number": "' + phone.encode() + b'", "reassigned_number": ' + reassigned + b"}"
        return line_type_body(phone, "mobile")

    http.answer = answer
    status, body = _eligibility(api, workspace["member"], {"phones": [PHONE], "at": daytime()})
    assert status == 200 and body["sendable"] == [PHONE] and body["not_checked"] == [], body
    [record] = [v for (p, sk), v in _all_lookups(workspace).items() if sk.startswith("LOOKUP#reassigned")]
    assert record["answer"] == "no" and "last_verified_date" not in record.get("raw", {})


def _all_lookups(workspace):
    created = repository.get_contact(workspace["id"], PHONE)
    assert created is not None
    asked = (created.last_opt_in_at or created.created_at).astimezone(UTC).date()
    keys = [(PHONE, lookup_cache.reassigned_sk(asked)), (PHONE, lookup_cache.LINE_TYPE_SK)]
    return lookup_cache.batch_get_lookups(workspace["id"], keys)


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[" * 30_000 + b"]" * 30_000,
        b'{"reassigned_number": "yes", "line_type_intelligence": 7}',
        b'{"reassigned_number": {"is_number_reassigned": ["yes"]}, "line_type_intelligence": {"type": {"x": 1}}}',
        b"\xff\xfe{}",
        b"x" * 200_000,
    ],
    ids=["not json", "deep", "wrong types", "unhashable", "not utf-8", "huge"],
)
def test_an_unreadable_provider_answer_leaves_the_number_not_checked(api, workspace, http, raw):
    _enable_twilio(api, workspace)
    _contact(api, workspace)
    http.answer = lambda phone, params: raw
    status, body = _eligibility(api, workspace["member"], {"phones": [PHONE], "at": daytime()})
    assert status == 200 and body["sendable"] == [PHONE] and body["not_checked"] == [PHONE], body
    assert _all_lookups(workspace) == {}  # nothing cached: asked again next time


def test_refused_credentials_are_no_answer_and_no_secret_is_shown(api, workspace, http, caplog):
    caplog.set_level(logging.DEBUG, logger="optout")
    _enable_twilio(api, workspace)
    _contact(api, workspace)
    http.answer = lambda phone, params: 401
    status, body = _eligibility(api, workspace["member"], {"phones": [PHONE], "at": daytime()})
    assert status == 200 and body["not_checked"] == [PHONE] and _all_lookups(workspace) == {}
    assert TOKEN not in json.dumps(body) and SID not in json.dumps(body)
    ours = [f"{r.getMessage()} {vars(r)}" for r in caplog.records if r.name.startswith("optout")]
    assert ours and not [line for line in ours if TOKEN in line or SID in line or "Basic " in line]
    # Once the credentials work, the number is asked again: the 401 was never cached as an answer.
    http.answer = lambda phone, params: (
        reassigned_body(phone, "yes", params["LastVerifiedDate"])
        if params["Fields"] == "reassigned_number"
        else line_type_body(phone, "mobile")
    )
    status, body = _eligibility(api, workspace["member"], {"phones": [PHONE], "at": daytime()})
    assert [row["phone"] for row in body["suppressed"]] == [PHONE]


def test_one_workspace_s_cached_lookups_never_answer_for_another(api, workspace, other_workspace, http):
    for ws in (workspace, other_workspace):
        _enable_twilio(api, ws)
        _contact(api, ws)
    http.answer = lambda phone, params: (
        reassigned_body(phone, "yes", params["LastVerifiedDate"])
        if params["Fields"] == "reassigned_number"
        else line_type_body(phone, "landline")
    )
    body = {"phones": [PHONE], "at": daytime()}
    assert [row["phone"] for row in _eligibility(api, workspace["member"], body)[1]["suppressed"]] == [PHONE]
    asked = len(http.seen)
    http.answer = lambda phone, params: (
        reassigned_body(phone, "no", params["LastVerifiedDate"])
        if params["Fields"] == "reassigned_number"
        else line_type_body(phone, "mobile")
    )
    theirs = _eligibility(api, other_workspace["member"], body)[1]
    assert theirs["sendable"] == [PHONE] and theirs["suppressed"] == []
    assert len(http.seen) == asked + 2  # asked afresh, with its own account: nothing from the first cache
    assert repository.get_contact(other_workspace["id"], PHONE).reassigned_check is None
