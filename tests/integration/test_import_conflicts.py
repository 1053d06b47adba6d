"""The importer's conflict retry (the unit of work's `retry_on_conflict`): only the rows of a
transaction that lost a race are read and decided again, each row is counted once, and a row that
keeps losing is rejected, not failed."""

from __future__ import annotations

from optout import repository


def import_csv(api, key, text):
    return api.request(
        "POST", "/v1/contacts/import", key=key, body=text, headers={"Content-Type": "text/csv; charset=utf-8"}
    )


def _phone(i: int) -> str:
    return f"+1415555{i:04d}"


def test_a_lost_transaction_rereads_only_its_rows_and_counts_each_row_once(api, workspace, monkeypatch):
    member = workspace["member"]
    # 60 opt-outs of new numbers are 120 transaction items: two transactions, 50 rows then 10.
    phones = [_phone(i) for i in range(60)]
    raced = phones[55]  # in the second transaction
    real_batch_get = repository.batch_get_contacts
    reads: list[list[str]] = []

    def racing_batch_get(workspace_id, wanted, **kwargs):
        found = real_batch_get(workspace_id, wanted, **kwargs)
        reads.append(list(wanted))
        if len(reads) == 1:  # another writer creates one of the numbers after the import read it
            api.request("POST", "/v1/contacts", key=member, json_body={"phone": raced, "name": "Meanwhile"})
        return found

    monkeypatch.setattr(repository, "batch_get_contacts", racing_batch_get)
    status, report = import_csv(api, member, "phone,opt_out\n" + "".join(f"{p},yes\n" for p in phones))
    assert status == 200, report
    assert len(reads) == 2 and reads[1] == phones[50:]  # only the lost transaction's rows again
    assert (report["opted_out"], report["created"], report["updated"], report["rejected"]) == (60, 0, 0, 0)
    contact = repository.get_contact(workspace["id"], raced)
    assert contact.status.value == "opted_out" and contact.name == "Meanwhile"
    events, _ = repository.query_contact_events(workspace["id"], phones[0], limit=10)
    assert len(events) == 1  # written once, not twice


def test_a_row_that_keeps_losing_is_rejected_after_the_last_attempt(api, workspace, monkeypatch):
    member = workspace["member"]
    phone = _phone(1)
    api.request("POST", "/v1/contacts", key=member, json_body={"phone": phone, "name": "Ann"})
    real_batch_get = repository.batch_get_contacts
    reads: list[int] = []

    def always_racing(workspace_id, wanted, **kwargs):
        found = real_batch_get(workspace_id, wanted, **kwargs)
        reads.append(len(wanted))
        api.request("PATCH", f"/v1/contacts/{phone}", key=member, json_body={"name": f"Edit {len(reads)}"})
        return found

    monkeypatch.setattr(repository, "batch_get_contacts", always_racing)
    status, report = import_csv(api, member, f"phone,name\n{phone},Ann B\n{_phone(2)},Bo\n")
    assert status == 200, report
    # Three attempts; the two rows share one transaction, which is refused whole each time.
    assert reads == [2, 2, 2]
    assert (report["created"], report["updated"], report["rejected"]) == (0, 0, 2)
    assert [r["line"] for r in report["rejections"]] == [2, 3]
    assert all("changed during the import" in r["reason"] for r in report["rejections"])
    assert repository.get_contact(workspace["id"], _phone(2)) is None  # nothing half-written
    assert repository.get_contact(workspace["id"], phone).name == "Edit 3"  # the other writer's change stays
