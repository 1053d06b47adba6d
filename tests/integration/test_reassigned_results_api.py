"""POST /v1/reassigned-results through the real contacts API handler: admin only, the whole file
checked before anything is stored, and what eligibility's lookups then find."""

from __future__ import annotations

from datetime import date

from optout import repository
from optout.lookups import lookup_runner
from optout.lookups.ports import LookupRequest
from optout.models import ContactStatus, Principal, Reason, Role
from optout.repository import lookup_cache
from optout.services import accounts, contacts

CSV = {"Content-Type": "text/csv"}
CONSENT = date(2025, 3, 14)
YES, NO, ELSE = "+12025550131", "+12025550132", "+12025550133"


def _upload(api, key: str, text: str, headers: dict[str, str] | None = None):
    return api.request("POST", "/v1/reassigned-results", key=key, body=text, headers=headers or CSV)


def _cached(workspace, phone: str, asked: date = CONSENT) -> dict | None:
    key = (phone, lookup_cache.reassigned_sk(asked))
    return lookup_cache.batch_get_lookups(workspace["id"], [key]).get(key)


def test_an_admin_uploads_and_eligibility_s_lookups_find_it(api, workspace):
    admin = Principal(workspace_id=workspace["id"], key_id="k", key_name="admin", role=Role.ADMIN)
    contacts.create_contact(admin, YES, name=None, attributes={}, status=ContactStatus.ACTIVE)
    text = f"\ufeffphone,date,answer\r\n{YES},2025-03-14,yes\r\n(202) 555-0132,20250314,no\r\n"
    status, body = _upload(api, workspace["admin"], text)
    assert (status, body) == (200, {"rows": 2, "stored": 2, "kept": 0})
    accounts.update_settings(admin, {"lookups": {"reassigned": {"provider": "file"}}})
    requests = [LookupRequest(p, CONSENT) for p in (YES, NO, ELSE)] + [LookupRequest(NO, None)]
    results = lookup_runner.run_lookups(workspace["id"], requests)
    assert {p: (a.answer, a.source) for p, a in results.reassigned.items()} == {
        YES: ("yes", "file"),
        NO: ("no", "file"),
        ELSE: ("no_data", "file"),  # a number and date no file answered
    }
    events, _ = repository.query_contact_events(workspace["id"], YES, limit=10)
    assert [e.reason for e in events].count(Reason.REASSIGNED_NUMBER) == 1
    status, body = api.request("GET", "/v1/contacts/%2B12025550131", key=workspace["member"])
    assert status == 200 and body["status"] == "active"
    assert body["reassigned_check"] == {"answer": "yes", "asked_date": "2025-03-14", "source": "file",
                                        "checked_at": body["reassigned_check"]["checked_at"]}
    # A later file's "no" for the same question does not take the "yes" back.
    status, body = _upload(api, workspace["admin"], f"phone,date,answer\n{YES},2025-03-14,no\n")
    assert (status, body["kept"], _cached(workspace, YES)["answer"]) == (200, 1, "yes")


def test_a_member_may_not_upload(api, workspace):
    status, body = _upload(api, workspace["member"], f"phone,date,answer\n{YES},2025-03-14,yes\n")
    assert status == 403 and body["error"]["code"] == "admin_required"
    assert _cached(workspace, YES) is None


def test_one_bad_row_refuses_the_whole_file(api, workspace):
    text = f"phone,date,answer\n{YES},2025-03-14,yes\n{NO},2025-13-01,no\nnope,2025-03-14,no\n"
    status, body = _upload(api, workspace["admin"], text)
    assert status == 400 and body["error"]["code"] == "invalid_rows"
    assert [row["line"] for row in body["error"]["details"]["rows"]] == [3, 4]
    assert _cached(workspace, YES) is None  # nothing half-written


def test_bad_files(api, workspace):
    assert _upload(api, workspace["admin"], "phone,when,answer\n")[1]["error"]["code"] == "invalid_header"
    status, body = _upload(api, workspace["admin"], "phone,date,answer\n", {"Content-Type": "application/json"})
    assert status == 415
    rows = "".join(f"+1202{550 + i // 10000}{i % 10000:04d},2025-03-14,no\n" for i in range(10_001))
    status, body = _upload(api, workspace["admin"], "phone,date,answer\n" + rows)
    assert status == 413 and body["error"]["code"] == "too_many_rows"
    status, body = _upload(api, workspace["admin"], "phone,date,answer\n+12025550131,2025-03-14,\udcffyes\n")
    assert status == 400 and body["error"]["code"] == "invalid_encoding"


def test_10000_rows_are_accepted(api, workspace):
    rows = "".join(f"+1202{550 + i // 10000}{i % 10000:04d},2025-03-14,no\n" for i in range(10_000))
    status, body = _upload(api, workspace["admin"], "phone,date,answer\n" + rows)
    assert (status, body) == (200, {"rows": 10_000, "stored": 10_000, "kept": 0})
