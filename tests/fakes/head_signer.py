"""An HMAC stand-in for the KMS key that signs an evidence chain's head (rules/evidence_chain.py's
`HeadSigner`): same shape, a secret held in memory, no AWS."""

from __future__ import annotations

import hashlib
import hmac


class HmacHeadSigner:
    def __init__(self, key: bytes = b"test head-signing key") -> None:
        self._key = key

    def sign(self, message: bytes) -> bytes:
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def verify(self, message: bytes, signature: bytes) -> bool:
        return hmac.compare_digest(self.sign(message), signature)
