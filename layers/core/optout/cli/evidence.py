"""Check a saved evidence export offline: `python -m optout evidence verify FILE`.

It recomputes every event's chain hash from its content, checks each link and the order, that the
chain ends at the signed head, and the head's signature with the public key the export includes.
Exit 0 with "verified: N events"; exit 1 naming the first event altered, removed or reordered, or
a bad signature. The public key's SHA-256 is printed: compare it with the KMS key's own
(`aws kms get-public-key`), since whoever rewrites a file can also swap the key in it.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
from typing import Any

from optout.rules.evidence_chain import head_statement
from optout.rules.evidence_check import ChainedEvent, check_chain, describe


class BadExport(ValueError):
    """The file is not an evidence export (or a part of it is missing or malformed)."""


def _events(export: dict[str, Any]) -> list[ChainedEvent]:
    events = []
    for index, raw in enumerate(export.get("events") or []):
        chain = raw.get("chain") if isinstance(raw, dict) else None
        if not isinstance(chain, dict) or not isinstance(raw.get("content"), dict):
            raise BadExport(f"event at position {index + 1} has no content or chain fields")
        prev, own, seq = chain.get("prev"), chain.get("hash"), chain.get("seq")
        events.append(  # a field that is not text is reported as malformed by the check
            ChainedEvent(
                raw["content"],
                prev if isinstance(prev, str) else "",
                own if isinstance(own, str) else "",
                seq if isinstance(seq, int) else None,
            )
        )
    return events


def _signature_valid(signature: dict[str, Any], statement: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    if signature.get("algorithm") != "ECDSA_SHA_256":
        raise BadExport(f"unsupported signing algorithm {signature.get('algorithm')!r}")
    key = load_der_public_key(base64.b64decode(signature["public_key"]))
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise BadExport("the public key is not an elliptic-curve key")
    try:
        key.verify(base64.b64decode(signature["value"]), statement, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def verify_export(export: dict[str, Any]) -> tuple[bool, str]:
    """(ok, the line to print) for a parsed export."""
    events = _events(export)
    chain, signature = export.get("chain"), export.get("signature")
    if not isinstance(chain, dict) or not isinstance(signature, dict) or not isinstance(export.get("subject"), str):
        raise BadExport("the export has no chain head, subject or signature")
    result = check_chain(events, chain.get("head"))
    if not result.ok:
        return False, describe(result, events)
    if chain.get("count") != len(events):
        return False, f"removed: the signed head counts {chain.get('count')} events, the file holds {len(events)}"
    statement = head_statement(export["subject"], result.head_hash, result.count)
    if not _signature_valid(signature, statement):
        return False, "bad signature: the head, its count or the subject is not what the key signed"
    unchained = len(export.get("unchained") or [])
    suffix = f" ({unchained} written before the chain, not covered)" if unchained else ""
    return True, describe(result, events) + suffix


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m optout evidence")
    sub = parser.add_subparsers(dest="action", required=True)
    check = sub.add_parser("verify", help="check a saved evidence export (JSON) offline")
    check.add_argument("file")
    args = parser.parse_args(argv)
    try:
        with open(args.file, encoding="utf-8") as handle:
            export = json.load(handle)
        if not isinstance(export, dict):
            raise BadExport("the file holds no JSON object")
        ok, line = verify_export(export)
    except (OSError, ValueError, KeyError, TypeError) as exc:  # BadExport and JSONDecodeError are ValueErrors
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(line)
    if ok:  # what the signature rests on: compare it with the KMS key's own public key
        key = base64.b64decode(export["signature"]["public_key"])
        print(f"public key sha256: {hashlib.sha256(key).hexdigest()}", file=sys.stderr)
    return 0 if ok else 1
