"""Line types from AWS End User Messaging SMS (boto3 `pinpoint-sms-voice-v2`, CarrierLookup).

The function's own credentials sign the request (IAM `sms-voice:CarrierLookup`); the workspace's
optional secret may name the {"region"} its numbers are looked up in. PhoneNumberType is MOBILE,
LANDLINE, VOIP, PREPAID (a mobile line), OTHER or INVALID. Throttling, quotas, AWS's own faults
and the network leave the number not checked; a ValidationException refuses that number; being
denied is a misconfiguration no number can get past.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from optout.lookups.ports import LineTypeAnswer, LookupMisconfigured, LookupRefused, LookupUnavailable
from optout.models import utc_now

SOURCE = "aws"
TIMEOUT_SECONDS = 3
_TYPES = {
    "MOBILE": "mobile",
    "PREPAID": "mobile",  # a prepaid line is a mobile line
    "LANDLINE": "landline",
    "VOIP": "voip",
    "OTHER": "other",
    "INVALID": "invalid",
}
_REFUSED = frozenset({"ValidationException"})
_MISCONFIGURED = frozenset({"AccessDeniedException", "UnrecognizedClientException"})


def new_client(secret: Mapping[str, Any] | None) -> Any:
    """A client with short timeouts and one retry: a lookup is not worth holding eligibility up."""
    region = (secret or {}).get("region")
    config = Config(
        connect_timeout=TIMEOUT_SECONDS, read_timeout=TIMEOUT_SECONDS, retries={"mode": "standard", "max_attempts": 2}
    )
    kwargs: dict[str, Any] = {"config": config}
    if isinstance(region, str) and region:
        kwargs["region_name"] = region
    return boto3.client("pinpoint-sms-voice-v2", **kwargs)


class CarrierLineTypeLookup:
    source = SOURCE

    def __init__(self, client: Any, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._client, self._clock = client, clock

    def check(self, phone: str) -> LineTypeAnswer:
        try:
            response = self._client.carrier_lookup(PhoneNumber=phone)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in _REFUSED:
                raise LookupRefused(f"aws refused the number ({code})") from None
            if code in _MISCONFIGURED:
                raise LookupMisconfigured(f"aws refused the lookup ({code})") from None
            raise LookupUnavailable(f"aws is unavailable ({code or 'unknown error'})") from None
        except BotoCoreError as exc:
            raise LookupUnavailable(f"aws did not answer ({type(exc).__name__})") from None
        line_type = _TYPES.get(str(response.get("PhoneNumberType")), "unknown")
        carrier = response.get("Carrier")
        return LineTypeAnswer(phone, line_type, SOURCE, self._clock(), carrier if isinstance(carrier, str) else None)
