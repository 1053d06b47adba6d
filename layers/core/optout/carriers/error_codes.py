"""Per-provider delivery error codes and how each one is treated.

One data table (Infobip's model: a class on every code, docs/carriers.md §6). Classes:

* ``carrier_opt_out`` - the recipient opted out at the carrier/provider: an opt-out signal.
* ``permanent`` - the number cannot receive SMS (invalid, deactivated, landline): suppress.
* ``transient`` - anything else, including sender/content/campaign problems (not a fault of the
  number) and codes whose meaning is our judgement (docs/carriers.md §6). Transient
  failures should feed an "N consecutive failures within a window" rule, never suppress at once.

Sources name the docs/carriers.md section and the provider's page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from .carrier_errors import UnsupportedProviderError
from .records import FAILED_STATUSES, PROVIDERS, FailureClass

CodeClass = Literal["transient", "permanent", "carrier_opt_out"]

_T: CodeClass = "transient"
_P: CodeClass = "permanent"
_O: CodeClass = "carrier_opt_out"
JUDGEMENT = "classification is a judgement (docs/carriers.md §6): count, don't suppress at once"
NOT_RECIPIENT = "sender/content/campaign problem, not a fault of the number"


@dataclass(frozen=True)
class ErrorCode:
    provider: str
    code: str
    text: str
    failure_class: CodeClass
    source: str
    note: str = ""


Row = tuple[str, str, CodeClass] | tuple[str, str, CodeClass, str]


def _table(provider: str, source: str, rows: Iterable[Row]) -> list[ErrorCode]:
    return [
        ErrorCode(provider, row[0], row[1], row[2], source, row[3] if len(row) > 3 else "")
        for row in rows
    ]


_TWILIO_ERRORS = "https://www.twilio.com/docs/api/errors"
_TWILIO = [
    *_table(
        "twilio",
        f"docs/carriers.md §1.1; {_TWILIO_ERRORS}/30003",
        [
            (
                "30003",
                "Unreachable destination handset",
                _T,
                "Twilio's own fix starts with 'Retry the message'",
            ),
        ],
    ),
    *_table(
        "twilio",
        "docs/carriers.md §1.1 (text from a public copy of Twilio's error texts, "
        "https://assets.ecourtdate.com/app/js/error_reasons.json)",
        [
            ("30005", "Unknown destination handset", _P),
            ("30004", "Message blocked", _T, JUDGEMENT),
        ],
    ),
    *_table(
        "twilio",
        f"docs/carriers.md §1.1; {_TWILIO_ERRORS}/30006",
        [
            ("30006", "Landline or unreachable carrier", _P),
        ],
    ),
    *_table(
        "twilio",
        "docs/carriers.md §1.1, §6 (titles via "
        "https://github.com/TundraSoft/tundra-connect/wiki/Twilio-Errors)",
        [
            (
                "21610",
                "Attempt to send to unsubscribed recipient",
                _O,
                "recipient replied STOP; permanent until START",
            ),
            ("21211", "Invalid 'To' Phone Number", _P),
            ("21614", "'To' number is not a valid mobile number", _P),
            ("21612", "'To' number unroutable", _P, "for this sender/number pair"),
        ],
    ),
    *_table(
        "twilio",
        f"docs/carriers.md §1.1; {_TWILIO_ERRORS}/21635",
        [
            ("21635", "'To' number cannot be a landline", _P),
        ],
    ),
    *_table(
        "twilio",
        "docs/carriers.md §1.1",
        [
            ("30007", "Message filtered", _T, NOT_RECIPIENT),
            ("30008", "Unknown error", _T),
        ],
    ),
    *_table(
        "twilio",
        f"docs/carriers.md §1.1, §6; {_TWILIO_ERRORS}/63014",
        [
            (
                "63014",
                "Channel message blocked by user action",
                _O,
                "opt-out/block on a channel; permanent until re-consent",
            ),
        ],
    ),
]

_TELNYX = [
    *_table(
        "telnyx",
        "docs/carriers.md §2.1; https://developers.telnyx.com/docs/messaging/messages/error-codes",
        [
            ("40001", "Not routable (landline or non-routable number)", _P),
            ("40002", "Blocked as spam (temporary)", _T, NOT_RECIPIENT),
            ("40003", "Blocked as spam (permanent), sending number blocked", _T, NOT_RECIPIENT),
            ("40004", "Rejected by destination", _T),
            ("40005", "Message expired", _T),
            ("40006", "Recipient unavailable", _T),
            ("40008", "Undeliverable", _T, JUDGEMENT),
            ("40009", "Invalid message body", _T, NOT_RECIPIENT),
            ("40011", "Rate limit exceeded upstream", _T),
            ("40012", "Invalid destination number", _P),
            ("40013", "Invalid source number", _T, NOT_RECIPIENT),
        ],
    ),
    *_table(
        "telnyx",
        "docs/carriers.md §2.1; https://developers.telnyx.com/api/errors/40300",
        [
            ("40300", "Blocked due to STOP message", _O, "HTTP 409 on send; permanent until START"),
        ],
    ),
    *_table(
        "telnyx",
        "docs/carriers.md §2.1; https://developers.telnyx.com/development/api-fundamentals/api-errors",
        [
            ("10002", "Invalid phone number", _P),
        ],
    ),
]

_BANDWIDTH_SRC = "docs/carriers.md §3.1; https://dev.bandwidth.com/docs/messaging/errors"
_BANDWIDTH_SERVICE = (
    "5100",
    "5101",
    "5106",
    "5111",
    "5201",
    "5211",
    "5220",
    "5231",
    "5500",
    "5501",
    "5999",
    "5600",
    "5610",
    "5620",
    "5630",
    "5650",
)
_BANDWIDTH_NOT_RECIPIENT = (
    "4301",
    "4302",
    "4401",
    "4403",
    "4405",
    "4407",
    "4409",
    "4410",
    "4411",
    "4412",
    "4420",
    "4421",
    "4431",
    "4432",
    "4433",
    "4435",
    "4451",
    "4452",
    "4470",
    "4481",
    "4493",
    "4711",
    "4712",
    "4740",
    "4751",
    "4752",
    "4770",
    "4771",
    "4772",
    "4773",
    "4774",
    "4780",
    "4781",
    "4782",
    "4783",
    "4784",
    "4785",
    "4790",
    "4791",
    "4792",
    "4793",
    "4794",
    "4795",
)
_BANDWIDTH = [
    *_table(
        "bandwidth",
        _BANDWIDTH_SRC,
        [
            ("4303", "malformed-invalid-to-number", _P),
            ("4350", "malformed-for-destination", _P),
            ("4404", "rejected-forbidden-to-number", _P),
            ("4406", "rejected-unallocated-to-number", _P),
            ("4408", "rejected-account-not-defined-to-number", _P),
            ("4434", "rejected-forbidden-tollfree-for-recipient", _P),
            ("4482", "rejected-to-number-in-blacklist", _P),
            ("4492", "reject-emergency", _P),
            ("4700", "invalid-service-type", _P),
            ("4720", "invalid-destination-address", _P),
            ("4721", "destination-tn-deactivated", _P),
            ("4753", "destination-rejected-handset", _P),
            ("4775", "destination-rejected-due-to-user-opt-out", _O),
            ("4701", "destination service unavailable", _T),
            ("4702", "subscriber unavailable", _T),
            ("4730", "no route to destination", _T),
            ("4750", "carrier rejected message, no reason", _T),
            (
                "9902",
                "timed out waiting for delivery receipt",
                _T,
                "does not mean the message was not received",
            ),
            ("9999", "unknown error from downstream", _T),
        ],
    ),
    *_table(
        "bandwidth", _BANDWIDTH_SRC, [(code, "service failure", _T) for code in _BANDWIDTH_SERVICE]
    ),
    *_table(
        "bandwidth",
        _BANDWIDTH_SRC,
        [
            (code, "sender, content or campaign error", _T, NOT_RECIPIENT)
            for code in _BANDWIDTH_NOT_RECIPIENT
        ],
    ),
]

# Vonage has two numbering spaces that do not overlap: Messages API codes are 1000+, legacy SMS
# API delivery-receipt ``err-code`` values are 1-99. One table serves both.
_VONAGE = [
    *_table(
        "vonage",
        "docs/carriers.md §4.1; https://developer.vonage.com/en/api-errors/messages",
        [
            ("1050", "Number barred", _P),
            ("1170", "Invalid or Missing Msisdn Param", _P),
            ("1190", "Absent Subscriber Permanent", _P),
            ("1240", "Illegal Number (recipient sent STOP)", _O, "permanent until opt-in"),
            ("1260", "Destination unreachable", _T, JUDGEMENT),
            ("1280", "Number Blocked by Carrier", _T, JUDGEMENT),
            ("1300", "Not part of the provider network", _P),
            ("1310", "Not suitable device", _P),
            ("1330", "Unknown", _T, JUDGEMENT),
            ("1180", "Absent Subscriber Temporary", _T),
            ("1220", "Handset Busy", _T),
            ("1230", "Network Error", _T),
            ("1000", "Throttled", _T),
            ("1100", "Communication failed", _T),
            ("1030", "Internal error", _T),
            ("1210", "Anti-Spam Rejection", _T, NOT_RECIPIENT),
            ("1120", "Illegal Sender Address", _T, NOT_RECIPIENT),
        ],
    ),
    *_table(
        "vonage",
        "docs/carriers.md §4.2 (SMS API DLR err-code); "
        "https://developer.vonage.com/messaging/sms/guides/delivery-receipts",
        [
            ("1", "Unknown", _T),
            ("2", "Absent Subscriber - Temporary", _T),
            ("3", "Absent Subscriber - Permanent", _P),
            ("4", "Call Barred by User", _P),
            ("5", "Portability Error", _T),
            ("6", "Anti-Spam Rejection", _T, NOT_RECIPIENT),
            ("7", "Handset Busy", _T),
            ("8", "Network Error", _T),
            ("9", "Illegal Number (recipient asked not to receive)", _O, "permanent until opt-in"),
            ("10", "Illegal Message", _T, NOT_RECIPIENT),
            ("11", "Unroutable", _T),
            ("12", "Destination Unreachable", _T, JUDGEMENT),
            ("13", "Subscriber Age Restriction", _T, NOT_RECIPIENT),
            ("14", "Number Blocked by Carrier", _T, JUDGEMENT),
            ("15", "Prepaid Insufficient Funds", _T),
            *[(str(code), "regulatory filter", _T, NOT_RECIPIENT) for code in range(50, 55)],
            ("99", "General Error", _T),
        ],
    ),
]

_AWS = [
    *_table(
        "aws",
        "docs/carriers.md §5.2; "
        "https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-event-types.html",
        [
            ("TEXT_INVALID", "destination phone number is not valid", _P),
            ("TEXT_BLOCKED", "recipient's device or carrier is blocking messages", _T, JUDGEMENT),
            ("TEXT_UNREACHABLE", "unreachable", _T, JUDGEMENT),
            ("TEXT_CARRIER_UNREACHABLE", "transient error on the carrier network", _T),
            ("TEXT_TTL_EXPIRED", "time to live exceeded", _T),
            ("TEXT_UNKNOWN", "no final event within 72 hours", _T),
            ("TEXT_INVALID_MESSAGE", "message body is invalid", _T, NOT_RECIPIENT),
            ("TEXT_SPAM", "blocked as spam", _T, NOT_RECIPIENT),
            (
                "TEXT_CARRIER_BLOCKED",
                "carrier blocked delivery",
                _T,
                NOT_RECIPIENT + " (may be recipient-side)",
            ),
            ("TEXT_PROTECT_BLOCKED", "blocked by our own Protect configuration", _T, NOT_RECIPIENT),
        ],
    ),
    *_table(
        "aws",
        "docs/carriers.md §5.2 (SendTextMessage ConflictException.Reason, "
        "ConflictExceptionReason enum in the AWS SDK models)",
        [
            (
                "DESTINATION_PHONE_NUMBER_OPTED_OUT",
                "destination phone number opted out",
                _O,
                "reported synchronously on send, not as a delivery event",
            ),
            (
                "DESTINATION_PHONE_NUMBER_NOT_VERIFIED",
                "destination not verified (sandbox)",
                _T,
                NOT_RECIPIENT,
            ),
        ],
    ),
]


def _index(entries: Iterable[ErrorCode]) -> Mapping[str, Mapping[str, ErrorCode]]:
    by_provider: dict[str, dict[str, ErrorCode]] = {name: {} for name in PROVIDERS}
    for entry in entries:
        if entry.code in by_provider[entry.provider]:
            raise RuntimeError(f"duplicate error code {entry.provider}/{entry.code}")
        by_provider[entry.provider][entry.code] = entry
    return MappingProxyType({k: MappingProxyType(v) for k, v in by_provider.items()})


ERROR_CODES: Mapping[str, Mapping[str, ErrorCode]] = _index(
    [*_TWILIO, *_TELNYX, *_BANDWIDTH, *_VONAGE, *_AWS]
)
"""``ERROR_CODES[provider][code]`` → :class:`ErrorCode`."""


def lookup_error(provider: str, error_code: str | int | None) -> ErrorCode | None:
    """The table entry for one provider's code, or None when unknown or absent."""
    table = ERROR_CODES.get(provider)
    if table is None:
        raise UnsupportedProviderError(f"unknown provider {provider!r}")
    if error_code is None:
        return None
    return table.get(str(error_code).strip())


def classify_failure(provider: str, status: str, error_code: str | int | None) -> FailureClass:
    """Failure class of a delivery outcome with a *normalised* status.

    Non-failure statuses are ``"none"`` whatever the code. A failed/undelivered message with an
    unknown or missing code is ``"transient"``: suppressing a number on a code we cannot
    interpret could silence a contact who still wants (and consented to) messages, while
    transient failures still feed the consecutive-failure rule, so a dead number surfaces anyway.
    """
    entry = lookup_error(provider, error_code)
    if status not in FAILED_STATUSES:
        return "none"
    return entry.failure_class if entry is not None else "transient"
