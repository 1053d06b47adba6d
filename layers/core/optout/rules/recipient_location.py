"""Where a recipient is: the country, the states or provinces and every time zone they may be in.

Send-time rules (quiet hours, caps) follow the recipient's place. It comes from two sources
(docs/recipient-location.md):

- the number's area code, through the table the layer ships (data/nanp_area_codes.csv): its
  country, its region and every zone its territory keeps (Florida's 850 keeps two);
- the contact's own attributes: `state` (a code or a name, any case: "FL", "florida", "Québec"),
  `postal_code` (a US ZIP or ZIP+4 through data/us_zip_prefixes.csv, a Canadian postal code by
  its first letter) and `time_zone` (an IANA name).

The attributes come first (the place shown), but the area code's regions and zones are kept:
state laws presume residence from the area code, so where the two disagree both apply and the
stricter rule wins. A `time_zone` attribute replaces the zones of the state or postal code it
refines, never the area code's. When a state attribute names the area code's own region, the
area code's zones are the finer answer and the whole state's zones are not added. An invalid
attribute is ignored (and missing from `basis`); nothing here raises on bad input.

A number outside the NANP has no place here (country None): the caller uses the workspace's
default window, whatever the attributes say. A NANP number with no geographic area code
(toll-free, unassigned) keeps its NANP country when known and takes its place from attributes.

Pure: the tables are read once, lazily, from files next to the package; no clock, no logging.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from optout.time_zones import zone_named

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
AREA_CODES_FILE = DATA_DIR / "nanp_area_codes.csv"
REGIONS_FILE = DATA_DIR / "region_time_zones.csv"
ZIP_PREFIXES_FILE = DATA_DIR / "us_zip_prefixes.csv"

BASIS_AREA_CODE = "area_code"
BASIS_STATE = "state_attribute"
BASIS_POSTAL_CODE = "postal_code"
BASIS_TIME_ZONE = "time_zone_attribute"

# The regions of the US that are not states but have their own country code in ISO 3166-1.
US_TERRITORIES = frozenset({"PR", "GU", "VI", "AS", "MP"})
MAX_ATTRIBUTE_LENGTH = 64  # longer than any state name, postal code or zone name

_NANP_NUMBER = re.compile(r"\+1(\d{3})\d{7}")  # the table, not the pattern, says which codes exist
_US_ZIP = re.compile(r"(\d{3})\d{2}(?:-?\d{4})?")
_CANADIAN_POSTAL_CODE = re.compile(r"([ABCEGHJ-NPRSTVXY])\d[A-Z] ?\d[A-Z]\d")
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*")

# Canadian postal codes by first letter (Canada Post's forward sortation areas). X is shared by
# the Northwest Territories and Nunavut: X0A, X0B and X0C are Nunavut's.
POSTAL_LETTER_PROVINCES = {
    "A": "NL", "B": "NS", "C": "PE", "E": "NB", "G": "QC", "H": "QC", "J": "QC",
    "K": "ON", "L": "ON", "M": "ON", "N": "ON", "P": "ON", "R": "MB", "S": "SK",
    "T": "AB", "V": "BC", "X": "NT", "Y": "YT",
}  # fmt: skip
NUNAVUT_POSTAL_PREFIXES = ("X0A", "X0B", "X0C")


@dataclass(frozen=True, slots=True)
class RecipientLocation:
    country: str | None  # ISO 3166-1 ("US" for its territories too); None outside the NANP
    regions: tuple[str, ...]  # ISO 3166-2 subdivision codes without the country: ("FL", "CA")
    time_zones: tuple[str, ...]  # every IANA zone the recipient may be in, the shown one first
    basis: tuple[str, ...]  # the sources used, in the order of the place shown
    area_code: str | None


@dataclass(frozen=True, slots=True)
class Place:
    """One source's answer: a country, its regions and their zones."""

    country: str
    regions: tuple[str, ...]
    time_zones: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LocationTables:
    area_codes: Mapping[str, Place]
    regions: Mapping[str, Place]  # region code -> that region alone
    region_names: Mapping[str, str]  # folded code or name -> region code
    zip_prefixes: Mapping[str, str]  # "320" -> "FL"


OUTSIDE_NANP = RecipientLocation(country=None, regions=(), time_zones=(), basis=(), area_code=None)


def locate(phone_e164: str, attributes: Mapping[str, Any] | None = None) -> RecipientLocation:
    """The recipient's place from an E.164 number and the contact's attributes (module doc)."""
    match = _NANP_NUMBER.fullmatch(phone_e164) if isinstance(phone_e164, str) else None
    if match is None:
        return OUTSIDE_NANP
    tables = load_tables()
    area_code = match.group(1)
    from_code = tables.area_codes.get(area_code)
    given: Mapping[str, Any] = attributes if isinstance(attributes, Mapping) else {}
    claimed = list(_attribute_places(tables, given))
    zone = _time_zone_attribute(given)
    if not claimed and zone is None:
        if from_code is None:
            return RecipientLocation(_nanp_country(phone_e164), (), (), (), area_code)
        return RecipientLocation(
            from_code.country, from_code.regions, from_code.time_zones, (BASIS_AREA_CODE,), area_code
        )
    return _combine(area_code, from_code, claimed, zone, phone_e164)


def _combine(
    area_code: str, from_code: Place | None, claimed: list[tuple[str, Place]], zone: str | None, phone: str
) -> RecipientLocation:
    """Attributes first, the area code's regions and zones kept (module doc)."""
    code_regions = from_code.regions if from_code else ()
    regions: list[str] = []
    zones: list[str] = [zone] if zone else []
    basis: list[str] = []
    for source, place in claimed:
        basis.append(source)
        regions.extend(place.regions)
        # A time_zone attribute refines the claimed place; the area code's own region is finer.
        if zone is None and not set(place.regions) <= set(code_regions):
            zones.extend(place.time_zones)
    if zone:
        basis.append(BASIS_TIME_ZONE)
    if from_code:
        basis.append(BASIS_AREA_CODE)
        regions.extend(from_code.regions)
        zones.extend(from_code.time_zones)
    # The number's own country first: a Toronto number stays Canadian whatever the state says.
    country = from_code.country if from_code else claimed[0][1].country if claimed else _nanp_country(phone)
    return RecipientLocation(country, _unique(regions), _unique(zones), tuple(basis), area_code)


def _attribute_places(tables: LocationTables, attributes: Mapping[str, Any]) -> Iterator[tuple[str, Place]]:
    state = _region_of_state(tables, attributes.get("state"))
    if state is not None:
        yield BASIS_STATE, tables.regions[state]
    postal = _region_of_postal_code(tables, attributes.get("postal_code"))
    if postal is not None:
        yield BASIS_POSTAL_CODE, tables.regions[postal]


def _region_of_state(tables: LocationTables, value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > MAX_ATTRIBUTE_LENGTH:
        return None
    folded = fold_name(value)
    # ISO 3166-2 spelling: "US-FL", "CA-QC".
    if len(folded) == 5 and folded[:3] in ("us ", "ca "):
        folded = folded[3:]
    return tables.region_names.get(folded)


def _region_of_postal_code(tables: LocationTables, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 99999:
        value = f"{value:05d}"  # a ZIP stored as a number lost its leading zeros
    if not isinstance(value, str) or len(value) > MAX_ATTRIBUTE_LENGTH:
        return None
    text = value.strip().upper()
    if match := _US_ZIP.fullmatch(text):
        return tables.zip_prefixes.get(match.group(1))
    if match := _CANADIAN_POSTAL_CODE.fullmatch(text):
        if text.startswith(NUNAVUT_POSTAL_PREFIXES):
            return "NU"
        return POSTAL_LETTER_PROVINCES[match.group(1)]
    return None


def _time_zone_attribute(attributes: Mapping[str, Any]) -> str | None:
    value = attributes.get("time_zone")
    if not isinstance(value, str) or len(value) > MAX_ATTRIBUTE_LENGTH:
        return None
    return valid_zone(value.strip())


@lru_cache(maxsize=512)
def valid_zone(name: str) -> str | None:
    """The IANA zone `name` names (any case), or None: only names zoneinfo can load."""
    if not _ZONE_NAME.fullmatch(name):
        return None  # no paths, no empty names
    return zone_named(name, any_case=True)  # tzdata's names only: "localtime" is no recipient's zone


def _nanp_country(phone: str) -> str | None:
    """The country of a NANP number with no geographic area code (toll-free is "US"), if any."""
    import phonenumbers  # only for the rare number the table does not know

    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(phone))
    except phonenumbers.NumberParseException:
        return None
    if region is None:
        return None
    return "US" if region in US_TERRITORIES else region


def fold_name(text: str) -> str:
    """A name folded for matching: no accents, no case, dots dropped, other punctuation a space."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    spaced = re.sub(r"[^0-9a-z]+", " ", plain.casefold().replace(".", ""))
    return spaced.strip()


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """A data file's rows: `#` lines are its header comment."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part for part in cell.split(";") if part)


@cache
def load_tables() -> LocationTables:
    """The three tables, read once per process."""
    regions: dict[str, Place] = {}
    names: dict[str, str] = {}
    for row in _rows(REGIONS_FILE):
        code = row["region"]
        regions[code] = Place(row["country"], (code,), _split(row["time_zones"]))
        for name in (code, *_split(row["names"])):
            names[fold_name(name)] = code
    area_codes = {
        row["area_code"]: Place(row["country"], _split(row["region"]), _split(row["time_zones"]))
        for row in _rows(AREA_CODES_FILE)
    }
    zips: dict[str, str] = {}
    for row in _rows(ZIP_PREFIXES_FILE):
        for prefix in range(int(row["prefix_from"]), int(row["prefix_to"]) + 1):
            zips[f"{prefix:03d}"] = row["state"]
    return LocationTables(area_codes=area_codes, regions=regions, region_names=names, zip_prefixes=zips)
