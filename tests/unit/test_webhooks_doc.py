"""The verification snippet of docs/webhooks.md, run as a subscriber would run it, against the
sender's own signatures: the documented scheme and the signing code cannot drift apart."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from optout.rules import webhook_signing

DOC = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"
SECRET = "whsec_" + "cd" * 32
BODY = b'{"id":"e1:ContactOptedOut","type":"ContactOptedOut","phone":"+13325560001"}'


@pytest.fixture(scope="module")
def documented_verify() -> Callable[..., bool]:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    [snippet] = [b for b in blocks if "def verify_optout_signature" in b]
    namespace: dict[str, object] = {}
    exec(compile(snippet, str(DOC), "exec"), namespace)
    return namespace["verify_optout_signature"]  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("age", "body", "secret", "valid"),
    [
        (0, BODY, SECRET, True),
        (290, BODY, SECRET, True),
        (-290, BODY, SECRET, True),
        (320, BODY, SECRET, False),  # replayed after the 5-minute tolerance
        (0, BODY + b"\n", SECRET, False),
        (0, BODY, "whsec_other", False),
    ],
)
def test_the_documented_snippet_verifies_what_the_sender_signs(documented_verify, age, body, secret, valid):
    now = int(time.time())
    header = webhook_signing.signature_header(SECRET, now - age, BODY)
    assert documented_verify(secret, header, body) is valid
    assert webhook_signing.verify(secret, header, body, now=now) is valid  # the same answer as ours
