"""Phone numbers to E.164, with the workspace's default region for national formats."""

from __future__ import annotations

from optout.errors import InvalidPhone

# `phonenumbers` is imported where it is used: loading its metadata is a tenth of a cold start, and
# the reports API and most settings routes never parse a number.

MAX_INPUT_LENGTH = 40


def normalize_phone(raw: str, default_region: str = "US") -> str:
    """Return `raw` as an E.164 number, or raise InvalidPhone with a reason a person can act on."""
    import phonenumbers

    if not isinstance(raw, str):
        raise InvalidPhone("phone must be a string", details={"input": raw})
    text = raw.strip()
    if not text:
        raise InvalidPhone("phone is empty", details={"input": raw})
    if len(text) > MAX_INPUT_LENGTH:
        raise InvalidPhone("phone is too long", details={"input": text[:MAX_INPUT_LENGTH]})
    try:
        parsed = phonenumbers.parse(text, default_region.upper())
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(f"not a phone number: {exc._msg}", details={"input": text}) from None
    # An international number of a possible length is accepted even when our metadata does not
    # know its range yet: a STOP from a brand-new range must still be honoured.
    if not phonenumbers.is_valid_number(parsed) and not (
        text.startswith("+") and phonenumbers.is_possible_number(parsed)
    ):
        raise InvalidPhone(
            f"not a valid phone number for region {phonenumbers.region_code_for_number(parsed) or default_region}",
            details={"input": text},
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def is_supported_region(region: str) -> bool:
    import phonenumbers

    return region.upper() in phonenumbers.SUPPORTED_REGIONS

