"""A fake `urlopen` for the Twilio Lookup adapter: recorded responses (tests/fixtures/lookups) by
phone number, HTTP errors and timeouts, with every request kept and the peak concurrency measured."""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lookups"


def recorded(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def reassigned_body(phone: str, answer: str, asked: str = "20250314") -> dict[str, Any]:
    """The recorded "yes" response, for another number, date and answer."""
    body = recorded("twilio_reassigned_yes.json")
    body["phone_number"] = phone
    body["reassigned_number"] = {"last_verified_date": asked, "is_number_reassigned": answer, "error_code": None}
    return body


def line_type_body(phone: str, kind: str) -> dict[str, Any]:
    body = recorded("twilio_line_type_mobile.json")
    body["phone_number"] = phone
    body["line_type_intelligence"] = {**body["line_type_intelligence"], "type": kind}
    return body


@dataclass
class Seen:
    phone: str
    params: dict[str, str]
    headers: dict[str, str]
    timeout: float | None


class _Response:
    def __init__(self, body: bytes) -> None:
        self._body = io.BytesIO(body)

    def read(self, size: int = -1) -> bytes:
        return self._body.read(size)

    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *_: Any) -> None:
        return None


class FakeLookupHttp:
    """Answers are a body (dict or bytes), an int (an HTTP status, with a recorded error body) or
    an exception to raise; `answer` picks one per request (default: by phone from `by_phone`)."""

    def __init__(self, by_phone: dict[str, Any] | None = None, *, delay: float = 0.0) -> None:
        self.by_phone = dict(by_phone or {})
        self.answer: Callable[[str, dict[str, str]], Any] | None = None
        self.delay = delay
        self.seen: list[Seen] = []
        self.peak = 0
        self._live = 0
        self._lock = threading.Lock()

    def __call__(self, request: Any, timeout: float | None = None) -> _Response:
        parts = urlsplit(request.full_url)
        phone = unquote(parts.path.rsplit("/", 1)[-1])
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self._lock:
            self.seen.append(Seen(phone, params, dict(request.header_items()), timeout))
            self._live += 1
            self.peak = max(self.peak, self._live)
        try:
            time.sleep(self.delay)
            return self._respond(request.full_url, phone, params)
        finally:
            with self._lock:
                self._live -= 1

    def _respond(self, url: str, phone: str, params: dict[str, str]) -> _Response:
        value = self.answer(phone, params) if self.answer else self.by_phone[phone]
        if isinstance(value, BaseException):
            raise value
        if isinstance(value, int):
            name = {401: "twilio_error_401.json", 429: "twilio_error_429.json"}.get(value, "twilio_error_404.json")
            body = json.dumps({**recorded(name), "status": value}).encode()
            raise urllib.error.HTTPError(url, value, "error", {}, io.BytesIO(body))  # type: ignore[arg-type]
        return _Response(value if isinstance(value, bytes) else json.dumps(value).encode())

    def phones(self) -> list[str]:
        return [seen.phone for seen in self.seen]
