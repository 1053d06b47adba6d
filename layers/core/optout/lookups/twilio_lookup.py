"""Twilio Lookup v2 (`GET /v2/PhoneNumbers/{number}`), over HTTPS with urllib and Basic auth from
the workspace's secret ({"account_sid", "auth_token"}).

- reassigned numbers: `Fields=reassigned_number&LastVerifiedDate=YYYYMMDD`, answered in
  `reassigned_number.is_number_reassigned` as "yes", "no" or "no_data_available";
- line type: `Fields=line_type_intelligence`, answered in `line_type_intelligence.type`.

HTTP 401/403 means the credentials are wrong (misconfigured); 429, 5xx, timeouts and the network
leave the number not checked; any other 4xx, or a per-field `error_code`, refuses that number.
The credentials are only ever in the Authorization header: no message here carries them.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlencode

from optout.lookups.ports import LineTypeAnswer, LookupMisconfigured, LookupRefused, LookupUnavailable, ReassignedAnswer
from optout.models import utc_now

BASE_URL = "https://lookups.twilio.com/v2/PhoneNumbers/"
TIMEOUT_SECONDS = 3.0
MAX_RESPONSE_BYTES = 64_000
MAX_RAW_TEXT = 100  # a provider's field kept for the record
SOURCE = "twilio"
# Tests replace this with a fake that answers recorded responses.
urlopen: Callable[..., Any] = urllib.request.urlopen

_REASSIGNED = {"yes": "yes", "no": "no", "no_data_available": "no_data"}
_LINE_TYPES = {
    "mobile": "mobile",
    "landline": "landline",
    "fixedVoip": "voip",
    "nonFixedVoip": "voip",
    "tollFree": "toll_free",
    "unknown": "unknown",
}  # personal, premium, sharedCost, uan, voicemail, pager: "other"


class TwilioClient:
    """One account's Lookup requests; the auth header is built once and never shown."""

    def __init__(self, credentials: Mapping[str, Any], *, base_url: str = BASE_URL) -> None:
        sid, token = credentials.get("account_sid"), credentials.get("auth_token")
        if not isinstance(sid, str) or not isinstance(token, str) or not sid or not token:
            raise LookupMisconfigured("the Twilio lookup secret needs account_sid and auth_token")
        if not base_url.startswith("https://"):
            raise ValueError("Lookup is reached over HTTPS only")
        self._auth = "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode("ascii")
        self._base_url = base_url

    def __repr__(self) -> str:
        return "TwilioClient(<credentials hidden>)"

    def fetch(self, phone: str, params: Mapping[str, str]) -> dict[str, Any]:
        url = f"{self._base_url}{quote(phone, safe='')}?{urlencode(params)}"
        headers = {"Authorization": self._auth, "Accept": "application/json"}
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - BASE_URL is https, fixed
        try:
            with urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                body = response.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as exc:
            raise _http_failure(exc) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise LookupUnavailable(f"twilio did not answer ({type(exc).__name__})") from None
        try:
            document = json.loads(body)
        except ValueError:
            raise LookupUnavailable("twilio answered with something other than JSON") from None
        if not isinstance(document, dict):
            raise LookupUnavailable("twilio answered with something other than a JSON object")
        if document.get("valid") is False:
            raise LookupRefused("twilio: not a valid phone number")
        return document


def _http_failure(exc: urllib.error.HTTPError) -> Exception:
    status = exc.code
    if status in (401, 403):
        return LookupMisconfigured(f"twilio refused the lookup credentials (HTTP {status})")
    if status == 429 or status >= 500:
        return LookupUnavailable(f"twilio is unavailable (HTTP {status})")
    try:
        error = json.loads(exc.read(MAX_RESPONSE_BYTES) or b"{}")
    except (ValueError, OSError):
        error = {}
    code = error.get("code") if isinstance(error, dict) else None
    message = str(error.get("message") or "")[:200] if isinstance(error, dict) else ""
    detail = f" {code}: {message}" if code else ""
    return LookupRefused(f"twilio refused the number (HTTP {status}{detail})")


def _short_text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_RAW_TEXT


def _field_error(package: Mapping[str, Any], name: str) -> None:
    if package.get("error_code"):
        raise LookupRefused(f"twilio {name} error {package['error_code']}")


class TwilioReassignedLookup:
    source = SOURCE

    def __init__(self, client: TwilioClient, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._client, self._clock = client, clock

    def check(self, phone: str, since: date) -> ReassignedAnswer:
        params = {"Fields": "reassigned_number", "LastVerifiedDate": since.strftime("%Y%m%d")}
        document = self._client.fetch(phone, params)
        package = document.get("reassigned_number")
        if not isinstance(package, dict):
            raise LookupUnavailable("twilio's answer has no reassigned_number")
        _field_error(package, "reassigned_number")
        answer = _REASSIGNED.get(str(package.get("is_number_reassigned")))
        if answer is None:  # never guess: an answer we cannot read is no answer, least of all a "no"
            raise LookupUnavailable("twilio's reassigned_number answer is not yes, no or no_data_available")
        # Kept for the record only as short text: a number such as NaN, 1e999 or 40 levels of
        # lists in a provider's answer could not be cached, and would fail the whole request.
        raw = {k: v for k in ("last_verified_date", "is_number_reassigned") if _short_text(v := package.get(k))}
        return ReassignedAnswer(phone, since, answer, SOURCE, self._clock(), raw)


class TwilioLineTypeLookup:
    source = SOURCE

    def __init__(self, client: TwilioClient, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._client, self._clock = client, clock

    def check(self, phone: str) -> LineTypeAnswer:
        document = self._client.fetch(phone, {"Fields": "line_type_intelligence"})
        package = document.get("line_type_intelligence")
        if not isinstance(package, dict):
            raise LookupUnavailable("twilio's answer has no line_type_intelligence")
        _field_error(package, "line_type_intelligence")
        kind = package.get("type")
        line_type = _LINE_TYPES.get(kind, "other") if kind else "unknown"
        carrier = package.get("carrier_name")
        return LineTypeAnswer(phone, line_type, SOURCE, self._clock(), carrier if isinstance(carrier, str) else None)
