"""Shared helpers for the carrier tests (a uniquely named module, importable from test files)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
EVENTS = ROOT / "events"
for path in (ROOT / "layers" / "core", ROOT / "scripts"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from optout.carriers import WebhookRequest  # noqa: E402

MANIFEST: dict[str, Any] = json.loads((EVENTS / "carriers_manifest.json").read_text())
SAMPLES: list[dict[str, Any]] = MANIFEST["samples"]
CONTACT = MANIFEST["contact"]


def sample_ids(samples: list[dict[str, Any]]) -> list[str]:
    return [s["file"] for s in samples]


def sample_body(sample: dict[str, Any]) -> bytes:
    return (EVENTS / sample["file"]).read_bytes()


def sample_request(
    sample: dict[str, Any], headers: dict[str, str] | None = None, url: str | None = None
) -> WebhookRequest:
    return WebhookRequest(
        method=sample["method"],
        url=url or sample["url"],
        headers={"Content-Type": sample["content_type"], **(headers or {})},
        body=sample_body(sample),
    )
