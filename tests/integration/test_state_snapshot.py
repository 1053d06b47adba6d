"""The local stack's saved state (local_stack.state_keeper): every kind of state survives a restart,
nothing restored is fed to the stream functions again, and a torn or truncated snapshot never
stops the next start nor empties the state.

A restart is moto's backends reset (a new moto has nothing) and the process caches cleared, then a
new keeper restores the folder, as `python -m local_stack` does on start.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.core.base_backend import BackendDict

from local_stack import event_sources, template
from local_stack.state_keeper import StateKeeper
from local_stack.state_snapshot import CURRENT, PREVIOUS, SnapshotRefused

PHONE = "+13325590101"
OBJECT = bytes(range(256)) * 64  # every byte value: binary safe, not text


def _restart(folder: Path) -> StateKeeper:
    """A new moto, empty caches, and the saved state restored into the template's resources."""
    from aws_lambda_powertools.utilities import parameters

    from optout import ttl_cache

    BackendDict.reset()
    ttl_cache.clear_all()
    parameters.clear_caches()
    keeper = StateKeeper(folder).open()
    keeper.create_resources(boto3.Session())
    return keeper


def _client(service: str) -> Any:
    return boto3.client(service, region_name=template.LOCAL_REGION)


def _opt_out(api: Any, key: str, phone: str = PHONE) -> None:
    assert api.request("POST", "/v1/contacts", key=key, json_body={"phone": phone, "name": "Ada"})[0] == 201
    status, _ = api.request("POST", "/v1/contact/set_status", key=key,
                            json_body={"phone": phone, "status": "unsubscribed", "note": "asked"})
    assert status == 200


def _evidence_alias() -> str:
    aliases = _client("kms").list_aliases()["Aliases"]
    return next(a["AliasName"] for a in aliases if not a["AliasName"].startswith("alias/aws/"))


def _all_items(table: str) -> list[dict[str, Any]]:
    pages = _client("dynamodb").get_paginator("scan").paginate(TableName=table)
    return [item for page in pages for item in page["Items"]]


def _canonical(items: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(item, sort_keys=True) for item in items)


def _seed_other_kinds() -> dict[str, Any]:
    """A secret, a binary object, a queued message and a signature: what the API does not make."""
    secret_arn = _client("secretsmanager").create_secret(Name="local/test-secret", SecretString='{"k": "v"}')["ARN"]
    _client("s3").put_object(Bucket="ReportsBucket", Key="bin/all-bytes", Body=OBJECT,
                             ContentType="application/x-test", Metadata={"origin": "test"})
    _client("sqs").send_message(QueueUrl=template.local_queue_url("ReportJobDeadLetterQueue"), MessageBody="waiting",
                                MessageAttributes={"kind": {"DataType": "String", "StringValue": "test"}})
    kms, alias = _client("kms"), _evidence_alias()
    signature = kms.sign(KeyId=alias, Message=b"head", MessageType="RAW", SigningAlgorithm="ECDSA_SHA_256")["Signature"]
    return {"secret_arn": secret_arn, "alias": alias, "signature": signature,
            "public_key": kms.get_public_key(KeyId=alias)["PublicKey"]}


def test_every_kind_of_state_survives_a_restart(api: Any, workspace: dict[str, str], tmp_path: Path) -> None:
    _opt_out(api, workspace["member"])
    seeded = _seed_other_kinds()
    keeper = StateKeeper(tmp_path).open()
    keeper.remember_demo({"workspaces": [{"id": workspace["id"], "admin_key": workspace["admin"]}]})
    keeper.save()

    restored = _restart(tmp_path)

    assert restored.demo == {"workspaces": [{"id": workspace["id"], "admin_key": workspace["admin"]}]}
    status, contact = api.request("GET", f"/v1/contacts/{PHONE}", key=workspace["member"])  # the same keys
    assert (status, contact["status"]) == (200, "opted_out")
    status, events = api.request("GET", f"/v1/contacts/{PHONE}/events", key=workspace["admin"])
    assert status == 200 and [e["status"] for e in events["events"]] == ["opted_out"]
    status, listed = api.request("GET", "/v1/contacts", key=workspace["member"], query={"status": "opted_out"})
    assert status == 200 and [c["phone"] for c in listed["contacts"]] == [PHONE]  # indexes see them too
    secret = _client("secretsmanager").get_secret_value(SecretId=seeded["secret_arn"])  # same ARN
    assert secret["SecretString"] == '{"k": "v"}'
    obj = _client("s3").get_object(Bucket="ReportsBucket", Key="bin/all-bytes")
    assert (obj["Body"].read(), obj["ContentType"], obj["Metadata"]) == (OBJECT, "application/x-test", {"origin": "test"})
    messages = _client("sqs").receive_message(QueueUrl=template.local_queue_url("ReportJobDeadLetterQueue"),
                                              MessageAttributeNames=["All"])["Messages"]
    assert [(m["Body"], m["MessageAttributes"]["kind"]["StringValue"]) for m in messages] == [("waiting", "test")]
    kms = _client("kms")  # the same key: same public key, and a signature made before verifies
    assert kms.get_public_key(KeyId=seeded["alias"])["PublicKey"] == seeded["public_key"]
    assert kms.verify(KeyId=seeded["alias"], Message=b"head", MessageType="RAW", Signature=seeded["signature"],
                      SigningAlgorithm="ECDSA_SHA_256")["SignatureValid"]


def test_restored_tables_feed_no_stream_record_again(api: Any, workspace: dict[str, str], tmp_path: Path) -> None:
    session = boto3.Session()
    _opt_out(api, workspace["member"])
    fed = event_sources.drain(session, checkpoints={})
    assert fed.quiet and fed.total > 0
    counters = _all_items("ReportCountersTable")
    assert counters, "the report function counted the opt-out"
    StateKeeper(tmp_path).open().save()

    _restart(tmp_path)

    again = event_sources.drain(session, checkpoints={})  # from TRIM_HORIZON: every record there is
    assert again.quiet and sum(again.records.values()) == 0, again.records
    assert _canonical(_all_items("ReportCountersTable")) == _canonical(counters)
    _opt_out(api, workspace["member"], "+13325590102")  # what happens after the restart is fed
    assert event_sources.drain(session, checkpoints={}).total > 0


def _saved_twice(api: Any, workspace: dict[str, str], folder: Path) -> StateKeeper:
    """The first snapshot holds one contact, the second (current) two."""
    keeper = StateKeeper(folder).open()
    _opt_out(api, workspace["member"])
    keeper.save()
    _opt_out(api, workspace["member"], "+13325590103")
    keeper.save()
    return keeper


def _contact_status(api: Any, key: str, phone: str) -> int:
    return int(api.request("GET", f"/v1/contacts/{phone}", key=key)[0])


def test_a_torn_temporary_file_does_not_break_the_next_start(api: Any, workspace: dict[str, str], tmp_path: Path) -> None:
    _saved_twice(api, workspace, tmp_path)
    torn = tmp_path / f".{CURRENT}.4242.tmp"  # a process killed while writing its next snapshot
    torn.write_bytes((tmp_path / CURRENT).read_bytes()[:100])

    keeper = _restart(tmp_path)

    assert keeper.loaded is not None and keeper.loaded.path.name == CURRENT and not keeper.loaded.refused
    assert not torn.exists()
    assert _contact_status(api, workspace["member"], "+13325590103") == 200


def test_a_crash_mid_write_leaves_the_last_snapshot(api: Any, workspace: dict[str, str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    keeper = _saved_twice(api, workspace, tmp_path)
    before = (tmp_path / CURRENT).read_bytes()
    _opt_out(api, workspace["member"], "+13325590104")

    def die(*_: Any) -> None:
        raise KeyboardInterrupt  # the process stops before the rename

    monkeypatch.setattr("local_stack.state_snapshot.os.replace", die)
    with pytest.raises(KeyboardInterrupt):
        keeper.save()
    monkeypatch.undo()

    assert (tmp_path / CURRENT).read_bytes() == before
    _restart(tmp_path)
    assert _contact_status(api, workspace["member"], "+13325590103") == 200
    assert _contact_status(api, workspace["member"], "+13325590104") == 404


def test_a_truncated_snapshot_is_refused_and_the_previous_one_loaded(api: Any, workspace: dict[str, str],
                                                                     tmp_path: Path) -> None:
    _saved_twice(api, workspace, tmp_path)
    current = tmp_path / CURRENT
    current.write_bytes(current.read_bytes()[:-50])

    keeper = _restart(tmp_path)

    assert keeper.loaded is not None and keeper.loaded.path.name == PREVIOUS
    assert "truncated" in keeper.loaded.refused[0]
    assert list(tmp_path.glob(f"{CURRENT}.refused-*")), "the refused file is kept for a look"
    assert _contact_status(api, workspace["member"], PHONE) == 200  # the previous snapshot's contact
    assert _contact_status(api, workspace["member"], "+13325590103") == 404


def test_when_no_snapshot_loads_the_start_is_refused_not_emptied(api: Any, workspace: dict[str, str],
                                                                 tmp_path: Path) -> None:
    _saved_twice(api, workspace, tmp_path)
    for name in (CURRENT, PREVIOUS):
        (tmp_path / name).write_bytes((tmp_path / name).read_bytes()[:10])

    with pytest.raises(SnapshotRefused, match="--fresh"):
        StateKeeper(tmp_path).open()
    assert len(list(tmp_path.glob("*.refused-*"))) == 2


def test_a_blob_that_does_not_match_is_refused(api: Any, workspace: dict[str, str], tmp_path: Path) -> None:
    _client("s3").put_object(Bucket="ReportsBucket", Key="report.csv", Body=b"a,b\n")
    StateKeeper(tmp_path).open().save()
    (blob,) = (tmp_path / "blobs").iterdir()
    blob.write_bytes(b"altered")

    with pytest.raises(SnapshotRefused, match="does not match"):
        StateKeeper(tmp_path).open()


def test_fresh_forgets_the_saved_state(api: Any, workspace: dict[str, str], tmp_path: Path) -> None:
    _client("s3").put_object(Bucket="ReportsBucket", Key="report.csv", Body=base64.b64encode(OBJECT))
    _saved_twice(api, workspace, tmp_path)
    (tmp_path / "notes.txt").write_text("not ours")

    keeper = StateKeeper(tmp_path).open(fresh=True)

    assert keeper.loaded is None and keeper.demo is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
