"""The local stack's AWS state, read out of moto's backends and written back into them.

Through the AWS API a snapshot would disturb what it reads (ReceiveMessage hides SQS messages, KMS
never exports key material) and a restore would replay history: every item written back would make
a stream record that the event-source driver feeds to the functions again, every object put back
would fire its bucket's notification, and a secret created again would get a new ARN. moto's
backends are module state of this process, behind the local stack's moto server and under
`mock_aws` alike, so this module reads and writes them directly. It is tied to the moto pinned in
requirements-dev.txt; tests/integration/test_state_snapshot.py round-trips every kind of state.

Only the resources template.yaml declares are kept (tables, buckets, queues), plus every secret
and every customer KMS key. Everything here is plain JSON except S3 objects, whose bytes are
handed to the caller (`Blobs`) to be stored beside the snapshot.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterator
from typing import Any

from local_stack import template
from local_stack.template import LOCAL_ACCOUNT, LOCAL_REGION

# sha256 hex digest -> the bytes, for objects the blob store does not hold yet
Blobs = dict[str, bytes]


def template_names() -> dict[str, list[str]]:
    """The tables, buckets and queues template.yaml declares (locally named by logical id)."""
    loaded = template.load_template()
    return {
        "tables": sorted(template.resources(loaded, "AWS::DynamoDB::Table")),
        "buckets": sorted(template.resources(loaded, "AWS::S3::Bucket")),
        "queues": sorted(template.resources(loaded, "AWS::SQS::Queue")),
    }


# -- DynamoDB -------------------------------------------------------------------------------------

def _dynamodb() -> Any:
    from moto.dynamodb.models import dynamodb_backends

    return dynamodb_backends[LOCAL_ACCOUNT][LOCAL_REGION]


def capture_tables(names: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Every item of each table, in DynamoDB JSON."""
    tables = _dynamodb().tables
    return {name: [item.to_json()["Attributes"] for item in _items_of(tables[name])] for name in names if name in tables}


def _items_of(table: Any) -> Iterator[Any]:
    """The table's items in storage order (all_items sorts them: a third of a capture's time)."""
    for stored in list(table.items.values()):
        if table.range_key_attr:
            yield from list(stored.values())
        else:
            yield stored


def restore_tables(saved: dict[str, list[dict[str, Any]]]) -> int:
    """Put the items back into the tables' storage, not through put_item: no stream record (they
    were fed to the functions before), and no size check per attribute (each item passed it when
    written; that walk made a restore cost as much as writing every item again)."""
    from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict

    tables = _dynamodb().tables
    count = 0
    for name, items in saved.items():
        table = tables.get(name)
        if table is None:
            continue  # a table the template no longer declares
        for attributes in items:
            hash_key = DynamoType(attributes[table.hash_key_attr])
            range_key = DynamoType(attributes[table.range_key_attr]) if table.range_key_attr else None
            item = Item(hash_key, range_key, {})
            # dict.update (in its constructor) skips the per-attribute size walk of __setitem__
            item.attrs = LimitedSizeDict({key: DynamoType(value) for key, value in attributes.items()})
            if range_key is None:
                table.items[hash_key] = item
            else:
                table.items[hash_key][range_key] = item
            count += 1
    return count


# -- S3 -------------------------------------------------------------------------------------------

def _s3() -> Any:
    from moto.s3.models import s3_backends

    return s3_backends[LOCAL_ACCOUNT]["aws"]


class ObjectDigests:
    """Remembers each object's digest, so an unchanged object is not read and hashed again."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str], tuple[Any, str]] = {}

    def digest(self, bucket: str, key: Any, blobs: Blobs) -> str:
        marker, version = (bucket, key.name), (key.etag, key.size, key.last_modified)
        known = self._known.get(marker)
        if known is not None and known[0] == version:
            return known[1]
        value = bytes(key.value)
        digest = hashlib.sha256(value).hexdigest()
        blobs[digest] = value
        self._known[marker] = (version, digest)
        return digest


def capture_buckets(names: list[str], blobs: Blobs, digests: ObjectDigests) -> dict[str, list[dict[str, Any]]]:
    """Each bucket's current objects: key, metadata and the digest of the bytes (in `blobs`)."""
    buckets = _s3().buckets
    saved: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        bucket = buckets.get(name)
        if bucket is None:
            continue
        saved[name] = [
            {"key": key.name, "sha256": digests.digest(name, key, blobs), "metadata": dict(key.metadata)}
            for key in list(bucket.keys.values())
            if hasattr(key, "value")  # a delete marker has no bytes
        ]
    return saved


def restore_buckets(saved: dict[str, list[dict[str, Any]]], read_blob: Callable[[str], bytes]) -> int:
    """Put the objects back without firing the buckets' notifications (no upload is new)."""
    backend = _s3()
    count = 0
    for name, objects in saved.items():
        if name not in backend.buckets:
            continue
        for entry in objects:
            key = backend.put_object(name, entry["key"], read_blob(entry["sha256"]), disable_notification=True)
            key.set_metadata(entry["metadata"])
            count += 1
    return count


# -- SQS ------------------------------------------------------------------------------------------

def _sqs() -> Any:
    from moto.sqs.models import sqs_backends

    return sqs_backends[LOCAL_ACCOUNT][LOCAL_REGION]


def capture_queues(names: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The messages waiting in each queue (also those received and not yet deleted)."""
    queues = _sqs().queues
    saved: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        queue = queues.get(name)
        if queue is None:
            continue
        saved[name] = [
            {
                "body": message.body,
                "attributes": message.message_attributes or {},
                "group_id": message.group_id,
                "deduplication_id": message.deduplication_id,
            }
            for message in list(queue._messages)  # delete_message swaps the list, never edits it
        ]
    return saved


def restore_queues(saved: dict[str, list[dict[str, Any]]]) -> int:
    """Send each message again: it is received afresh, as after a visibility timeout."""
    backend = _sqs()
    count = 0
    for name, messages in saved.items():
        if name not in backend.queues:
            continue
        for message in messages:
            backend.send_message(
                name, message["body"], message_attributes=message["attributes"] or None,
                group_id=message.get("group_id"), deduplication_id=message.get("deduplication_id"),
            )
            count += 1
    return count


# -- Secrets Manager ------------------------------------------------------------------------------

def _secrets() -> Any:
    from moto.secretsmanager.models import secretsmanager_backends

    return secretsmanager_backends[LOCAL_ACCOUNT][LOCAL_REGION]


def capture_secrets() -> list[dict[str, Any]]:
    """Every secret that is not deleted: name, ARN (stored by inboxes) and current value."""
    saved = []
    for secret in list(dict.values(_secrets().secrets)):
        if getattr(secret, "deleted_date", None) or not hasattr(secret, "secret_string"):
            continue  # scheduled for deletion, or a replica
        saved.append({
            "name": secret.name,
            "arn": secret.arn,
            "string": secret.secret_string,
            "binary": secret.secret_binary,
            "description": secret.description,
            "tags": secret.tags,
        })
    return saved


def restore_secrets(saved: list[dict[str, Any]]) -> int:
    backend = _secrets()
    for entry in saved:
        backend.create_secret(
            name=entry["name"], secret_string=entry["string"], secret_binary=entry["binary"],
            description=entry["description"], tags=entry["tags"], kms_key_id=None,
            client_request_token=None, replica_regions=[], force_overwrite=False,
        )
        backend.secrets[entry["name"]].arn = entry["arn"]  # the same ARN the inboxes refer to
    return len(saved)


# -- KMS ------------------------------------------------------------------------------------------

def _kms() -> Any:
    from moto.kms.models import kms_backends

    return kms_backends[LOCAL_ACCOUNT][LOCAL_REGION]


def capture_keys() -> list[dict[str, Any]]:
    """Each customer key with its material: the evidence key signs with the same private key
    after a restart, so its public key (printed by `optout evidence verify`) stays the same."""
    from cryptography.hazmat.primitives import serialization

    saved = []
    for key in list(_kms().keys.values()):
        if key.key_manager != "CUSTOMER" or key.key_state != "Enabled":
            continue
        private = key.private_key.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption(),
        )
        saved.append({
            "id": key.id,
            "description": key.description,
            "usage": key.key_usage,
            "spec": key.key_spec,
            "material": base64.b64encode(key.key_material).decode(),
            "private_key": private.decode(),
            "aliases": sorted(key.aliases),
        })
    return saved


def restore_keys(saved: list[dict[str, Any]]) -> int:
    """Recreate the keys under their ids and aliases; call it before the template's resources are
    created, which then finds the aliases and creates no new key."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    backend = _kms()
    for entry in saved:
        key = backend.create_key(None, entry["usage"], entry["spec"], entry["description"], None)
        del backend.keys[key.id]
        key.id = entry["id"]
        key.arn = f"arn:aws:kms:{LOCAL_REGION}:{LOCAL_ACCOUNT}:key/{key.id}"
        key.key_material = base64.b64decode(entry["material"])
        key.private_key.private_key = load_pem_private_key(entry["private_key"].encode(), password=None)
        backend.keys[key.id] = key
        for alias in entry["aliases"]:
            backend.create_alias(key.id, alias)
    return len(saved)


# -- all of it ------------------------------------------------------------------------------------

def capture(blobs: Blobs, digests: ObjectDigests) -> dict[str, Any]:
    """The whole state as JSON-ready data; new object bytes are added to `blobs`."""
    names = template_names()
    return {
        "tables": capture_tables(names["tables"]),
        "buckets": capture_buckets(names["buckets"], blobs, digests),
        "queues": capture_queues(names["queues"]),
        "secrets": capture_secrets(),
        "keys": capture_keys(),
    }


def blob_digests(state: dict[str, Any]) -> set[str]:
    """The object digests a captured state refers to."""
    return {entry["sha256"] for objects in state.get("buckets", {}).values() for entry in objects}


def restore_after_resources(state: dict[str, Any], read_blob: Callable[[str], bytes]) -> dict[str, int]:
    """Everything but the keys, once the template's tables, buckets and queues exist."""
    return {
        "items": restore_tables(state.get("tables", {})),
        "objects": restore_buckets(state.get("buckets", {}), read_blob),
        "messages": restore_queues(state.get("queues", {})),
        "secrets": restore_secrets(state.get("secrets", [])),
    }


__all__ = [
    "Blobs", "ObjectDigests", "blob_digests", "capture", "restore_after_resources", "restore_keys",
    "template_names",
]
