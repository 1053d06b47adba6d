"""The revocations report through the real reports handler: the opt-outs received in a range with
their deadline and whether the number is still suppressed, a page at a time, per workspace."""

from __future__ import annotations

from datetime import datetime, timedelta

from optout.models import utc_now
from optout.rules.business_days import honour_by
from tests.integration.test_inbound_sms import CONTACT, inboxes, published, send
from tests.integration.test_topic_revocation import define_topics, opt_in

SHARED_FIXTURES = (inboxes, published)

PATH = "/v1/reports/revocations"
STILL_OUT = "+14155550201"
CAME_BACK = "+14155550202"
BLOCKED = "+14155550203"  # a block is in the history and consents, not in the opt-outs index


def set_status(api, workspace, phone, status, note=None):
    body = {"phone": phone, "status": status, **({"note": note} if note else {})}
    answer = api.request("POST", "/v1/contact/set_status", key=workspace["admin"], json_body=body)
    assert answer[0] == 200, answer


def today() -> dict[str, str]:
    day = utc_now().date().isoformat()
    return {"from": day, "to": day}


def seed(api, workspace):
    define_topics(api, workspace)
    opt_in(api, workspace, STILL_OUT)
    set_status(api, workspace, STILL_OUT, "unsubscribed")
    set_status(api, workspace, CAME_BACK, "unsubscribed")
    set_status(api, workspace, CAME_BACK, "subscribed", note="asked by phone")
    set_status(api, workspace, BLOCKED, "blocked")


def test_lists_each_revocation_with_its_deadline_and_whether_it_holds(api, workspace):
    seed(api, workspace)
    status, body = api.request("GET", PATH, key=workspace["member"], query=today())  # any key
    assert status == 200, body
    rows = {row["phone"]: row for row in body["rows"]}
    assert set(rows) == {STILL_OUT, CAME_BACK} and body["count"] == 2 and body["next_cursor"] is None
    assert rows[STILL_OUT]["still_suppressed"] is True and rows[STILL_OUT]["status"] == "opted_out"
    assert rows[CAME_BACK]["still_suppressed"] is False and rows[CAME_BACK]["status"] == "active"
    for row in rows.values():
        assert row["reason"] == "api" and row["initiator_type"] == "api_key"
        received = datetime.fromisoformat(row["received_at"])
        assert datetime.fromisoformat(row["honour_by"]) == honour_by(received)
    # The deadline is the one stored on the event (and shown in the contact's history).
    _, events = api.request("GET", f"/v1/contacts/{STILL_OUT}/events", key=workspace["member"])
    [stop] = [event for event in events["events"] if event["status"] == "opted_out"]
    assert stop["event_id"] == rows[STILL_OUT]["event_id"] and stop["honour_by"] == rows[STILL_OUT]["honour_by"]


def test_pages_with_cursors_of_its_own(api, workspace, other_workspace):
    seed(api, workspace)
    query = {**today(), "limit": 1}
    _, first = api.request("GET", PATH, key=workspace["member"], query=query)
    assert first["count"] == 1 and first["next_cursor"]
    _, second = api.request("GET", PATH, key=workspace["member"], query={**query, "cursor": first["next_cursor"]})
    assert second["count"] == 1 and second["next_cursor"] is None
    assert {first["rows"][0]["phone"], second["rows"][0]["phone"]} == {STILL_OUT, CAME_BACK}
    # Another workspace sees none of them, and resumes no cursor of this one.
    _, theirs = api.request("GET", PATH, key=other_workspace["member"], query=today())
    assert theirs["rows"] == []
    status, body = api.request(
        "GET", PATH, key=other_workspace["member"], query={**query, "cursor": first["next_cursor"]}
    )
    assert (status, body["error"]["code"]) == (400, "invalid_cursor")
    # Nor does the opt-outs report's cursor resume this report.
    _, opt_outs = api.request("GET", "/v1/reports/opt-outs", key=workspace["member"], query=query)
    status, body = api.request("GET", PATH, key=workspace["member"], query={**query, "cursor": opt_outs["next_cursor"]})
    assert (status, body["error"]["code"]) == (400, "invalid_cursor")


def test_range_is_required_and_bounded(api, workspace):
    for query in ({"to": "2026-04-01"}, {"from": "2026-04-01", "to": "2026-03-01"}, {**today(), "limit": 0}):
        status, body = api.request("GET", PATH, key=workspace["member"], query=query)
        assert status == 400 and set(body["error"]) == {"code", "message", "details"}, (query, body)
    assert api.request("GET", PATH, query=today())[0] == 401


def test_a_topic_keyword_revocation_is_listed_with_its_topic(api, workspace, inboxes, published):
    """STOP PROMO changes no status, yet is a revocation with a deadline: it is listed, merged in
    time with the opt-outs, naming its topic; the opt-outs report does not list it."""
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT)
    set_status(api, workspace, STILL_OUT, "unsubscribed")
    assert send(api, "twilio", "STOP PROMO", message_id="SM-promo")[0] == 200
    status, body = api.request("GET", PATH, key=workspace["member"], query=today())
    assert status == 200, body
    assert [row["phone"] for row in body["rows"]] == [STILL_OUT, CONTACT]  # oldest first
    topic_row = body["rows"][1]
    assert topic_row["topics"] == ["marketing"] and body["rows"][0]["topics"] is None
    assert topic_row["still_suppressed"] is True and topic_row["status"] == "active"
    assert datetime.fromisoformat(topic_row["honour_by"]) == honour_by(datetime.fromisoformat(topic_row["received_at"]))
    _, opt_outs = api.request("GET", "/v1/reports/opt-outs", key=workspace["member"], query=today())
    assert [row["phone"] for row in opt_outs["rows"]] == [STILL_OUT]
    # A new consent to the topic: the revocation is history, no longer holding.
    opt_in(api, workspace, CONTACT, topics=("marketing",), ago=timedelta(0))
    _, body = api.request("GET", PATH, key=workspace["member"], query=today())
    assert body["rows"][1]["still_suppressed"] is False
