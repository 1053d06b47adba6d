"""What an evidence export reads: a contact's event items as stored, its chain head, and the KMS
key that signs the head (an asymmetric ECC_NIST_P256 key, template.yaml's EvidenceSigningKey).

Reads only: nothing here writes. The KMS client is built per export (exports are rare, and a
client made at import would outlive the tests' fake AWS).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from optout import storage_errors
from optout.config import settings
from optout.repository import keys
from optout.repository.chaining import CHAIN_FIELDS, stored_content
from optout.repository.contacts import get_contact
from optout.repository.dynamo import deserialize, events_table, query_all

SIGNING_ALGORITHM = "ECDSA_SHA_256"


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One event item: its hashed content and its chain fields (None when written before the chain)."""

    content: dict[str, Any]
    chain_prev: str | None
    chain_hash: str | None
    chain_seq: int | None


@dataclass(frozen=True, slots=True)
class StoredChain:
    exists: bool  # whether the contact has a record (a deleted profile's record counts)
    head: str | None
    length: int
    events: list[StoredEvent]  # as the table sorts them (by occurred_at)


def _stored_event(data: dict[str, Any]) -> StoredEvent:
    chain = {name: data.get(name) for name in CHAIN_FIELDS}
    seq = chain["chain_seq"]
    return StoredEvent(
        content=stored_content(data),
        chain_prev=chain["chain_prev"] if isinstance(chain["chain_prev"], str) else None,
        chain_hash=chain["chain_hash"] if isinstance(chain["chain_hash"], str) else None,
        chain_seq=seq if isinstance(seq, int) else None,
    )


def read_chain(workspace_id: str, phone: str) -> StoredChain:
    """The contact's record and every event of its partition (strongly consistent)."""
    contact = get_contact(workspace_id, phone)
    items = query_all(
        TableName=events_table(),
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": keys.contact_key(workspace_id, phone)}},
        ConsistentRead=True,
    )
    events = [_stored_event(deserialize(item)) for item in items]
    if contact is None:
        return StoredChain(False, None, 0, events)
    return StoredChain(True, contact.chain_head, contact.chain_length or 0, events)


class KmsHeadSigner:
    """Signs chain heads with the KMS key of EVIDENCE_KEY_ID. It does not verify: the function may
    only Sign and GetPublicKey, and a reader checks the signature offline with the public key."""

    algorithm = SIGNING_ALGORITHM

    def __init__(self, key_id: str | None = None) -> None:
        self.key_id = key_id or settings().require("evidence_key_id")
        self._client = boto3.client("kms")

    def _call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        try:
            return getattr(self._client, operation)(KeyId=self.key_id, **kwargs)  # type: ignore[no-any-return]
        except (ClientError, BotoCoreError) as exc:
            raise storage_errors.classify(exc) from exc

    def sign(self, message: bytes) -> bytes:
        answer = self._call("sign", Message=message, MessageType="RAW", SigningAlgorithm=self.algorithm)
        return bytes(answer["Signature"])

    def public_key(self) -> tuple[bytes, str]:
        """The key's public half (DER, SubjectPublicKeyInfo) and its ARN."""
        answer = self._call("get_public_key")
        return bytes(answer["PublicKey"]), str(answer.get("KeyId", self.key_id))
