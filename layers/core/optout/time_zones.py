"""IANA time-zone names as the tzdata package the layer pins lists them.

Not this machine's system zone files: a name only those know ("localtime", "posixrules") would
mean another zone, or nothing, on Lambda, which may have none; and a folder such as "America"
is no zone at all. One check for the workspace settings and for a contact's own attribute.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@cache
def shipped_zones() -> frozenset[str]:
    return frozenset(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())


@cache
def _by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in shipped_zones()}


def zone_named(name: str, *, any_case: bool = False) -> str | None:
    """The zone `name` names (with `any_case`, spelt in any case), or None if tzdata has no such zone."""
    canonical = name if name in shipped_zones() else _by_folded_name().get(name.casefold()) if any_case else None
    if canonical is None:
        return None
    try:
        ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return canonical
