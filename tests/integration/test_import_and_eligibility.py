"""CSV import and eligibility: outcomes, line numbers, batching and the race with opt-outs."""

from __future__ import annotations

import pytest

from optout import repository
from optout.services import importer
from tests.fakes.send_times import daytime


def import_csv(api, key, text):
    return api.request(
        "POST", "/v1/contacts/import", key=key, body=text, headers={"Content-Type": "text/csv; charset=utf-8"}
    )


def test_import_counts_each_outcome_and_lists_rejections_by_line(api, workspace):
    member = workspace["member"]
    api.request("POST", "/v1/contacts", key=member, json_body={"phone": "+14155550001", "name": "Old"})
    api.request(
        "POST", "/v1/contact/set_status", key=member, json_body={"phone": "+14155550002", "status": "unsubscribed"}
    )
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": "+14155550003", "status": "blocked"})
    text = (
        "Phone,Name,Opt Out,Plan\n"
        "+14155550001,Updated,,gold\n"  # 2 updated
        "(415) 555-0002,Back,no,\n"  # 3 kept (opted out stays opted out)
        "415-555-0003,Blocked,yes,\n"  # 4 kept (blocked stays blocked)
        "4155550004,New,N,silver\n"  # 5 created
        "4155550005,Leaver,YES,\n"  # 6 opted out
        "not-a-phone,Bad,,\n"  # 7 rejected
        "4155550006,Maybe,perhaps,\n"  # 8 rejected
        "4155550004,Twice,,\n"  # 9 rejected (duplicate of 5)
        "4155550007,Too,many,fields,here\n"  # 10 rejected
        "\n"  # 11 blank, skipped
        '4155550008,"Multi\nline",,\n'  # 12-13 created
        "4155550009,After,,\n"  # 14 created
    )
    status, report = import_csv(api, member, text)
    assert status == 200, report
    assert {k: report[k] for k in ("rows", "created", "updated", "opted_out", "kept", "rejected")} == {
        "rows": 11,
        "created": 3,
        "updated": 1,
        "opted_out": 1,
        "kept": 2,
        "rejected": 4,
    }
    assert [(r["line"], r["phone"]) for r in report["rejections"]] == [
        (7, "not-a-phone"),
        (8, "4155550006"),
        (9, "4155550004"),
        (10, "4155550007"),
    ]
    assert "duplicate of line 5" in report["rejections"][2]["reason"]
    assert "opt_out must be" in report["rejections"][1]["reason"]

    get = lambda p: api.request("GET", f"/v1/contacts/{p}", key=member)[1]  # noqa: E731
    assert get("+14155550001")["name"] == "Updated" and get("+14155550001")["attributes"] == {"plan": "gold"}
    assert get("+14155550002")["status"] == "opted_out"
    assert get("+14155550003")["status"] == "blocked"
    assert get("+14155550005")["status"] == "opted_out" and get("+14155550005")["status_reason"] == "import"
    assert get("+14155550008")["name"] == "Multi\nline"
    _, events = api.request("GET", "/v1/contacts/+14155550005/events", key=member)
    assert events["events"][0]["reason"] == "import" and events["events"][0]["initiator"]["name"] == "member"


def test_import_is_batched(api, workspace, ddb_calls):
    rows = "\n".join(f"+1415555{i:04d},Name {i},{'yes' if i % 10 == 0 else 'no'}" for i in range(1000))
    ddb_calls.clear()
    status, report = import_csv(api, workspace["member"], "phone,name,opt_out\n" + rows)
    assert status == 200 and report["created"] == 900 and report["opted_out"] == 100
    data_calls = [c for c in ddb_calls if c != "GetItem"]  # GetItem: the key and workspace lookups
    assert ddb_calls.count("PutItem") == 0 and ddb_calls.count("GetItem") <= 2
    assert ddb_calls.count("BatchGetItem") == 10
    assert len(data_calls) / 1000 < 0.06, data_calls


def test_import_rereads_a_contact_that_opted_out_meanwhile(api, workspace, monkeypatch):
    """An opt-out landing between the import's read and write must survive the import."""
    member = workspace["member"]
    api.request("POST", "/v1/contacts", key=member, json_body={"phone": "+14155550001", "name": "Ann"})
    real_batch_get = repository.batch_get_contacts
    state = {"raced": False}

    def racing_batch_get(workspace_id, phones, **kwargs):
        found = real_batch_get(workspace_id, phones, **kwargs)
        if not state["raced"]:
            state["raced"] = True
            api.request(
                "POST",
                "/v1/contact/set_status",
                key=member,
                json_body={"phone": "+14155550001", "status": "unsubscribed"},
            )
        return found

    monkeypatch.setattr(repository, "batch_get_contacts", racing_batch_get)
    status, report = import_csv(api, member, "phone,name,opt_out\n+14155550001,Ann B,no\n")
    assert status == 200 and report["kept"] == 1 and report["updated"] == 0
    contact = repository.get_contact(workspace["id"], "+14155550001")
    assert contact.status.value == "opted_out" and contact.name == "Ann B"


def test_import_row_limit(api, workspace, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 5)
    rows = "\n".join(f"+1415555{i:04d}" for i in range(6))
    status, body = import_csv(api, workspace["member"], "phone\n" + rows)
    assert status == 413 and body["error"]["code"] == "too_many_rows"
    assert repository.get_contact(workspace["id"], "+14155550000") is None


@pytest.mark.parametrize(("count", "batch_gets"), [(1, 1), (100, 1), (101, 2), (250, 3)])
def test_eligibility_issues_one_batch_get_per_100_numbers(api, workspace, ddb_calls, count, batch_gets):
    phones = [f"+1415555{i:04d}" for i in range(count)]
    ddb_calls.clear()
    body = {"phones": phones, "at": daytime()}  # by day everywhere: quiet hours defer nothing
    status, body = api.request("POST", "/v1/eligibility", key=workspace["member"], json_body=body)
    assert status == 200 and len(body["sendable"]) == count
    assert ddb_calls.count("BatchGetItem") == batch_gets
    assert set(ddb_calls) <= {"BatchGetItem", "GetItem"}


def test_eligibility_sorts_numbers(api, workspace):
    member = workspace["member"]
    api.request(
        "POST", "/v1/contact/set_status", key=member, json_body={"phone": "+14155550001", "status": "unsubscribed"}
    )
    api.request("POST", "/v1/contact/set_status", key=member, json_body={"phone": "+14155550002", "status": "blocked"})
    api.request("POST", "/v1/contacts", key=member, json_body={"phone": "+14155550003"})
    status, body = api.request(
        "POST",
        "/v1/eligibility",
        key=member,
        json_body={
            "phones": ["+14155550001", "415-555-0002", "+14155550003", "+14155550004", "+14155550004", "abc", ""],
            "at": daytime(),
        },
    )
    assert status == 200
    assert body["sendable"] == ["+14155550003", "+14155550004"]
    assert [(s["phone"], s["status"], s["reason"]) for s in body["suppressed"]] == [
        ("+14155550001", "opted_out", "api"),
        ("+14155550002", "blocked", "api"),
    ]
    assert [i["input"] for i in body["invalid"]] == ["abc", ""]
    assert body["counts"] == {"sendable": 2, "deferred": 0, "suppressed": 2, "invalid": 2}


def test_unprocessed_keys_are_retried_alone(aws, workspace, monkeypatch):
    """BatchGetItem may return some keys unprocessed; only those are asked for again."""
    client = repository.dynamodb_client()
    real = client.batch_get_item
    requested: list[int] = []

    def flaky(**kwargs):
        keys = kwargs["RequestItems"]["ContactsTable"]["Keys"]
        requested.append(len(keys))
        if len(requested) == 1:
            kept = {**kwargs["RequestItems"]["ContactsTable"], "Keys": keys[:60]}
            response = real(RequestItems={"ContactsTable": kept})
            response["UnprocessedKeys"] = {"ContactsTable": {**kept, "Keys": keys[60:]}}
            return response
        return real(**kwargs)

    monkeypatch.setattr(client, "batch_get_item", flaky)
    found = repository.batch_get_contacts(workspace["id"], [f"+1415555{i:04d}" for i in range(100)])
    assert found == {} and requested == [100, 40]
