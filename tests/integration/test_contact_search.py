"""Searching contacts (GET /v1/contacts?q=&attribute=) through the real handler on moto: a bounded
Query of the ByStatus index with a filter, paged with the list's cursor (docs/contacts-search.md)."""

from __future__ import annotations

from optout import repository
from optout.repository import contact_search


def _create(api, key, phone, name=None, attributes=None, status="active"):
    body = {"phone": phone, "status": status, "attributes": attributes or {}}
    if name:
        body["name"] = name
    status_code, _ = api.request("POST", "/v1/contacts", key=key, json_body=body)
    assert status_code == 201


def _all_pages(api, key, query):
    found, cursor, pages = [], None, 0
    while True:
        status, body = api.request("GET", "/v1/contacts", key=key, query={**query, **({"cursor": cursor} if cursor else {})})
        assert status == 200, body
        found += body["contacts"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return found, pages


def test_search_by_name_any_case_by_number_and_by_attribute(api, workspace, other_workspace):
    member = workspace["member"]
    _create(api, member, "+14155550100", "Ada Lovelace", {"plan": "gold", "visits": 3})
    _create(api, member, "+14155550101", "ADA King", {"plan": "silver"})
    _create(api, member, "+14155550102", "Grace Hopper", {"plan": "gold"}, status="opted_out")
    _create(api, other_workspace["member"], "+14155550103", "Ada Other", {"plan": "gold"})

    found, _ = _all_pages(api, member, {"q": "ada"})
    assert sorted(c["name"] for c in found) == ["ADA King", "Ada Lovelace"]  # never another workspace's Ada

    found, _ = _all_pages(api, member, {"attribute": "plan:gold"})
    assert sorted(c["phone"] for c in found) == ["+14155550100", "+14155550102"]

    found, _ = _all_pages(api, member, {"attribute": "plan:gold", "status": "opted_out"})
    assert [c["name"] for c in found] == ["Grace Hopper"]

    found, _ = _all_pages(api, member, {"q": "ada", "attribute": "plan:silver"})
    assert [c["name"] for c in found] == ["ADA King"]

    found, _ = _all_pages(api, member, {"attribute": "visits:3"})  # a number matches its digits
    assert [c["phone"] for c in found] == ["+14155550100"]

    found, _ = _all_pages(api, member, {"q": "555-0101"})
    assert [c["phone"] for c in found] == ["+14155550101"]


def test_a_renamed_contact_is_found_by_its_new_name_only(api, workspace):
    member = workspace["member"]
    _create(api, member, "+14155550100", "Ann")
    assert api.request("PATCH", "/v1/contacts/+14155550100", key=member, json_body={"name": "Zoë Quinn"})[0] == 200
    assert _all_pages(api, member, {"q": "ann"})[0] == []
    assert [c["name"] for c in _all_pages(api, member, {"q": "ZOË"})[0]] == ["Zoë Quinn"]


def test_pages_cross_shards_and_statuses_without_repeats(api, workspace):
    member = workspace["member"]
    phones = [f"+1415555{n:04d}" for n in range(40)]
    for n, phone in enumerate(phones):
        _create(api, member, phone, f"Pat {n}" if n % 2 else f"Sam {n}", status="opted_out" if n % 3 == 0 else "active")
    assert len({repository.status_shard(p) for p in phones}) > 8
    found, pages = _all_pages(api, member, {"q": "pat", "limit": 3})
    names = [c["name"] for c in found]
    assert sorted(names) == sorted(f"Pat {n}" for n in range(1, 40, 2)) and len(set(names)) == len(names)
    assert pages >= 7


def test_a_page_reads_at_most_the_budget_and_its_cursor_resumes(api, workspace, monkeypatch):
    member = workspace["member"]
    for n in range(12):
        _create(api, member, f"+1415555{n:04d}", "Needle" if n == 11 else f"Hay {n}")
    reads: list[int] = []
    real = contact_search.search_contacts_by_status

    def counting(*args, **kwargs):
        found, last, read = real(*args, **kwargs)
        reads.append(read)
        return found, last, read

    monkeypatch.setattr(contact_search, "READ_BUDGET", 2)
    monkeypatch.setattr(contact_search, "search_contacts_by_status", counting)
    status, body = api.request("GET", "/v1/contacts", key=member, query={"q": "needle", "status": "active"})
    assert status == 200 and sum(reads) <= 2 and body["next_cursor"] is not None
    found, _ = _all_pages(api, member, {"q": "needle", "status": "active"})
    assert [c["name"] for c in found] == ["Needle"]
    assert sum(reads) >= 12  # every contact was read once across the pages, never more than 2 a page


def test_bad_search_input_is_a_400(api, workspace, other_workspace):
    member = workspace["member"]
    for query in ({"q": "   "}, {"q": "x" * 101}, {"attribute": "plan"}, {"attribute": ":gold"}, {"attribute": "plan:"},
                  {"q": "x" * 201}, {"q": "ada", "cursor": "not-a-cursor"}):
        status, body = api.request("GET", "/v1/contacts", key=member, query=query)
        assert status == 400, query
        assert body["error"]["message"]
    _create(api, member, "+14155550100", "Ada")
    for n in range(5):
        _create(api, member, f"+1415555{n + 200:04d}", "Ada")
    status, body = api.request("GET", "/v1/contacts", key=member, query={"q": "ada", "limit": 1})
    cursor = body["next_cursor"]
    assert cursor
    # A search's cursor resumes that search only: another text, a plain list, another workspace.
    for key, query in ((member, {"q": "bob"}), (member, {}), (other_workspace["member"], {"q": "ada"})):
        status, body = api.request("GET", "/v1/contacts", key=key, query={**query, "cursor": cursor})
        assert status == 400 and body["error"]["code"] == "invalid_cursor"
