"""Where a recipient is: the area-code table, the contact's attributes and the keep-both rule
(docs/recipient-location.md)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from optout.rules import recipient_location
from optout.rules.recipient_location import (
    AREA_CODES_FILE,
    OUTSIDE_NANP,
    REGIONS_FILE,
    ZIP_PREFIXES_FILE,
    RecipientLocation,
    load_tables,
    locate,
)

ET, CT, MT, PT = "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"
AC = ("area_code",)

# fmt: off
US_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
}
CANADA = {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}
TERRITORIES = {"PR", "VI", "GU", "MP", "AS"}
NON_GEOGRAPHIC = [
    "500", "521", "522", "533", "544", "566", "577", "588", "600", "622", "633", "700",
    "800", "833", "844", "855", "866", "877", "888", "900",
]
# fmt: on


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def where(phone: str, attributes: dict | None = None) -> tuple:
    found = locate(phone, attributes)
    return found.country, found.regions, found.time_zones, found.basis


# (number, country, regions, zones) from the area code alone: every state and DC at least once.
AREA_CODES = [
    ("+12055550100", "US", ("AL",), (CT,)),
    ("+19075550100", "US", ("AK",), ("America/Anchorage", "America/Adak")),
    ("+16025550100", "US", ("AZ",), ("America/Phoenix",)),  # Arizona keeps no daylight time
    ("+19285550100", "US", ("AZ",), ("America/Phoenix", MT)),  # the Navajo Nation does
    ("+15015550100", "US", ("AR",), (CT,)),
    ("+13105550100", "US", ("CA",), (PT,)),
    ("+13035550100", "US", ("CO",), (MT,)),
    ("+12035550100", "US", ("CT",), (ET,)),
    ("+13025550100", "US", ("DE",), (ET,)),
    ("+12025550100", "US", ("DC",), (ET,)),
    ("+17715550100", "US", ("DC",), (ET,)),
    ("+13055550100", "US", ("FL",), (ET,)),
    ("+16455550100", "US", ("FL",), (ET,)),  # an overlay of 305/786
    ("+18505550100", "US", ("FL",), (CT, ET)),  # the panhandle: Pensacola Central, Tallahassee Eastern
    ("+14045550100", "US", ("GA",), (ET,)),
    ("+18085550100", "US", ("HI",), ("Pacific/Honolulu",)),
    ("+12085550100", "US", ("ID",), (MT, PT)),  # the north is Pacific
    ("+13125550100", "US", ("IL",), (CT,)),
    ("+13175550100", "US", ("IN",), (ET,)),
    ("+12195550100", "US", ("IN",), (CT,)),  # Gary, the Chicago side
    ("+18125550100", "US", ("IN",), (ET, CT)),  # Evansville is Central
    ("+15155550100", "US", ("IA",), (CT,)),
    ("+17855550100", "US", ("KS",), (CT, MT)),
    ("+15025550100", "US", ("KY",), (ET,)),
    ("+12705550100", "US", ("KY",), (CT, ET)),
    ("+15045550100", "US", ("LA",), (CT,)),
    ("+12075550100", "US", ("ME",), (ET,)),
    ("+14105550100", "US", ("MD",), (ET,)),
    ("+16175550100", "US", ("MA",), (ET,)),
    ("+13135550100", "US", ("MI",), (ET,)),
    ("+19065550100", "US", ("MI",), (ET, CT)),
    ("+16125550100", "US", ("MN",), (CT,)),
    ("+16015550100", "US", ("MS",), (CT,)),
    ("+13145550100", "US", ("MO",), (CT,)),
    ("+14065550100", "US", ("MT",), (MT,)),
    ("+13085550100", "US", ("NE",), (CT, MT)),
    ("+17025550100", "US", ("NV",), (PT,)),
    ("+16035550100", "US", ("NH",), (ET,)),
    ("+12015550100", "US", ("NJ",), (ET,)),
    ("+15055550100", "US", ("NM",), (MT,)),
    ("+12125550100", "US", ("NY",), (ET,)),
    ("+17045550100", "US", ("NC",), (ET,)),
    ("+17015550100", "US", ("ND",), (CT, MT)),
    ("+16145550100", "US", ("OH",), (ET,)),
    ("+14055550100", "US", ("OK",), (CT,)),
    ("+15035550100", "US", ("OR",), (PT,)),
    ("+15415550100", "US", ("OR",), (PT, MT)),
    ("+12155550100", "US", ("PA",), (ET,)),
    ("+14015550100", "US", ("RI",), (ET,)),
    ("+18035550100", "US", ("SC",), (ET,)),
    ("+16055550100", "US", ("SD",), (CT, MT)),
    ("+16155550100", "US", ("TN",), (CT,)),
    ("+18655550100", "US", ("TN",), (ET,)),
    ("+19315550100", "US", ("TN",), (CT, ET)),
    ("+12145550100", "US", ("TX",), (CT,)),
    ("+19155550100", "US", ("TX",), (MT,)),  # El Paso
    ("+14325550100", "US", ("TX",), (CT, MT)),
    ("+18015550100", "US", ("UT",), (MT,)),
    ("+18025550100", "US", ("VT",), (ET,)),
    ("+17035550100", "US", ("VA",), (ET,)),
    ("+12065550100", "US", ("WA",), (PT,)),
    ("+13045550100", "US", ("WV",), (ET,)),
    ("+14145550100", "US", ("WI",), (CT,)),
    ("+13075550100", "US", ("WY",), (MT,)),
    # US territories: their own region, country US
    ("+17875550100", "US", ("PR",), ("America/Puerto_Rico",)),
    ("+13405550100", "US", ("VI",), ("America/St_Thomas",)),
    ("+16715550100", "US", ("GU",), ("Pacific/Guam",)),
    # Canada
    ("+14165550100", "CA", ("ON",), ("America/Toronto",)),
    ("+18075550100", "CA", ("ON",), ("America/Toronto", "America/Winnipeg")),
    ("+15145550100", "CA", ("QC",), ("America/Toronto",)),
    ("+14185550100", "CA", ("QC",), ("America/Toronto", "America/Halifax")),  # the Magdalen Islands
    ("+16045550100", "CA", ("BC",), ("America/Vancouver",)),
    ("+14035550100", "CA", ("AB",), ("America/Edmonton",)),
    ("+13065550100", "CA", ("SK",), ("America/Regina", "America/Edmonton")),  # Lloydminster
    ("+17095550100", "CA", ("NL",), ("America/St_Johns", "America/Halifax")),
    ("+19025550100", "CA", ("NS", "PE"), ("America/Halifax",)),  # one code for both provinces
    # the Caribbean NANP countries: their own country, no region
    ("+18765550100", "JM", (), ("America/Jamaica",)),
    ("+18095550100", "DO", (), ("America/Santo_Domingo",)),
    ("+12425550100", "BS", (), ("America/Nassau",)),
]


@pytest.mark.parametrize(("phone", "country", "regions", "zones"), AREA_CODES)
def test_the_area_code_gives_country_region_and_every_zone(phone, country, regions, zones):
    assert locate(phone) == RecipientLocation(country, regions, zones, AC, phone[2:5])


def test_the_cases_cover_every_state_and_dc():
    assert {locate(phone).regions[0] for phone, *_ in AREA_CODES if locate(phone).regions} >= US_STATES


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("+447911123456", OUTSIDE_NANP),  # outside the NANP: the workspace's default window
        ("+33612345678", OUTSIDE_NANP),
        ("not a number", OUTSIDE_NANP),
        ("", OUTSIDE_NANP),
        ("+1305555012", OUTSIDE_NANP),  # one digit short
        ("+18005550100", RecipientLocation("US", (), (), (), "800")),  # toll-free: no place
        ("+18885550100", RecipientLocation("US", (), (), (), "888")),
        ("+19995550100", RecipientLocation(None, (), (), (), "999")),  # not assigned to anyone
    ],
)
def test_numbers_without_a_geographic_area_code(phone, expected):
    assert locate(phone) == expected


def test_a_number_outside_the_nanp_ignores_the_attributes():
    assert locate("+447911123456", {"state": "FL", "time_zone": ET}) == OUTSIDE_NANP


FL, CA_ZONES = ("FL",), (ET, CT)
# (number, attributes, country, regions, zones, basis)
ATTRIBUTES = [
    # the state by code or name, any case: the area code's region and zones are kept
    ("+13105550100", {"state": "FL"}, "US", ("FL", "CA"), (ET, CT, PT), ("state_attribute", "area_code")),
    ("+13105550100", {"state": "Florida"}, "US", ("FL", "CA"), (ET, CT, PT), ("state_attribute", "area_code")),
    ("+13105550100", {"state": " fl "}, "US", ("FL", "CA"), (ET, CT, PT), ("state_attribute", "area_code")),
    ("+13105550100", {"state": "US-FL"}, "US", ("FL", "CA"), (ET, CT, PT), ("state_attribute", "area_code")),
    ("+12125550100", {"state": "new york"}, "US", ("NY",), (ET,), ("state_attribute", "area_code")),
    ("+12125550100", {"state": "Washington D.C."}, "US", ("DC", "NY"), (ET,), ("state_attribute", "area_code")),
    ("+14165550100", {"state": "Ontario"}, "CA", ("ON",), ("America/Toronto",), ("state_attribute", "area_code")),
    (
        "+14165550100",
        {"state": "Québec"},
        "CA",
        ("QC", "ON"),
        ("America/Toronto", "America/Halifax"),
        ("state_attribute", "area_code"),
    ),
    (
        "+14165550100",
        {"state": "quebec"},
        "CA",
        ("QC", "ON"),
        ("America/Toronto", "America/Halifax"),
        ("state_attribute", "area_code"),
    ),
    (
        "+14165550100",
        {"state": "qc"},
        "CA",
        ("QC", "ON"),
        ("America/Toronto", "America/Halifax"),
        ("state_attribute", "area_code"),
    ),
    # the state agrees with the area code: the area code's zones are the finer answer
    ("+13055550100", {"state": "FL"}, "US", FL, (ET,), ("state_attribute", "area_code")),
    ("+18505550100", {"state": "Florida"}, "US", FL, (CT, ET), ("state_attribute", "area_code")),
    # postal codes: ZIP, ZIP+4 (with or without the hyphen), a ZIP stored as a number, Canadian
    ("+13105550100", {"postal_code": "33101"}, "US", ("FL", "CA"), (ET, CT, PT), ("postal_code", "area_code")),
    ("+13105550100", {"postal_code": "33101-1234"}, "US", ("FL", "CA"), (ET, CT, PT), ("postal_code", "area_code")),
    ("+13105550100", {"postal_code": "331011234"}, "US", ("FL", "CA"), (ET, CT, PT), ("postal_code", "area_code")),
    ("+12125550100", {"postal_code": 2134}, "US", ("MA", "NY"), (ET,), ("postal_code", "area_code")),
    (
        "+12125550100",
        {"postal_code": "99501"},
        "US",
        ("AK", "NY"),
        ("America/Anchorage", "America/Adak", ET),
        ("postal_code", "area_code"),
    ),
    (
        "+14165550100",
        {"postal_code": "H2X 1Y4"},
        "CA",
        ("QC", "ON"),
        ("America/Toronto", "America/Halifax"),
        ("postal_code", "area_code"),
    ),
    (
        "+14165550100",
        {"postal_code": "v6b1a1"},
        "CA",
        ("BC", "ON"),
        ("America/Vancouver", "America/Edmonton", "America/Toronto"),
        ("postal_code", "area_code"),
    ),
    (
        "+18675550100",
        {"postal_code": "X0A 0H0"},
        "CA",
        ("NU", "YT", "NT"),
        ("America/Edmonton", "America/Whitehorse", "America/Toronto", "America/Winnipeg"),
        ("postal_code", "area_code"),
    ),
    # a time zone attribute: valid replaces the state's zones, never the area code's
    ("+13105550100", {"time_zone": CT}, "US", ("CA",), (CT, PT), ("time_zone_attribute", "area_code")),
    ("+13105550100", {"time_zone": "america/chicago"}, "US", ("CA",), (CT, PT), ("time_zone_attribute", "area_code")),
    (
        "+13105550100",
        {"state": "FL", "time_zone": CT},
        "US",
        ("FL", "CA"),
        (CT, PT),
        ("state_attribute", "time_zone_attribute", "area_code"),
    ),
    ("+13055550100", {"time_zone": ET}, "US", FL, (ET,), ("time_zone_attribute", "area_code")),
    # invalid attributes are ignored and missing from the basis
    ("+13105550100", {"time_zone": "Mars/Olympus_Mons"}, "US", ("CA",), (PT,), AC),
    ("+13105550100", {"time_zone": "../../etc/passwd"}, "US", ("CA",), (PT,), AC),
    # names only this machine's zone files know, and a folder: no zone on Lambda
    ("+13105550100", {"time_zone": "localtime"}, "US", ("CA",), (PT,), AC),
    ("+13105550100", {"time_zone": "posixrules"}, "US", ("CA",), (PT,), AC),
    ("+13105550100", {"time_zone": "America"}, "US", ("CA",), (PT,), AC),
    ("+13105550100", {"time_zone": "america/new_york"}, "US", ("CA",), (ET, PT), ("time_zone_attribute", "area_code")),
    (
        "+13105550100",
        {"state": "FL", "time_zone": "Eastern"},
        "US",
        ("FL", "CA"),
        (ET, CT, PT),
        ("state_attribute", "area_code"),
    ),
    ("+13105550100", {"state": "Narnia", "postal_code": "ABCDE"}, "US", ("CA",), (PT,), AC),
    ("+13105550100", {"postal_code": "00100"}, "US", ("CA",), (PT,), AC),  # no such ZIP prefix
    ("+13105550100", {"postal_code": "D1A 1A1"}, "US", ("CA",), (PT,), AC),  # D starts no postal code
    # a toll-free number takes its place from the attributes alone
    ("+18005550100", {"state": "TX"}, "US", ("TX",), (CT, MT), ("state_attribute",)),
    (
        "+18005550100",
        {"postal_code": "10001", "time_zone": ET},
        "US",
        ("NY",),
        (ET,),
        ("postal_code", "time_zone_attribute"),
    ),
    # a Caribbean number with a US state
    ("+18765550100", {"state": "FL"}, "JM", FL, (ET, CT, "America/Jamaica"), ("state_attribute", "area_code")),
]


@pytest.mark.parametrize(("phone", "attributes", "country", "regions", "zones", "basis"), ATTRIBUTES)
def test_attributes_come_first_and_the_area_code_is_kept(phone, attributes, country, regions, zones, basis):
    assert where(phone, attributes) == (country, regions, zones, basis)


def test_florida_state_with_a_california_area_code_gets_both():
    found = locate("+14155550100", {"state": "Florida"})
    assert found.regions == ("FL", "CA")
    assert set(found.time_zones) == {ET, CT, PT}
    assert found.time_zones[0] == ET  # the attribute's place is the one shown


@pytest.mark.parametrize(
    "value", [None, 12, 3.5, True, [], {"a": 1}, "", " ", "x" * 10_000, "\x00", "../..", "US-", "FL\nCA"]
)
def test_odd_attribute_values_never_raise(value):
    found = locate("+13055550100", {"state": value, "postal_code": value, "time_zone": value})
    assert found == RecipientLocation("US", FL, (ET,), AC, "305")


def test_a_number_that_is_not_a_string_is_outside_the_nanp():
    assert locate(13055550100) == OUTSIDE_NANP  # type: ignore[arg-type]


# --- the tables themselves ---


def test_area_code_table_has_no_duplicates_and_is_complete():
    table = rows(AREA_CODES_FILE)
    counts = Counter(row["area_code"] for row in table)
    assert [code for code, n in counts.items() if n > 1] == []
    assert all(len(code) == 3 and code.isdigit() and code[0] in "23456789" for code in counts)
    by_country = Counter(row["country"] for row in table)
    assert by_country["US"] >= 330 and by_country["CA"] >= 40
    regions = {region for row in table for region in row["region"].split(";") if region}
    assert regions >= US_STATES and regions >= CANADA
    assert regions >= TERRITORIES
    assert not set(NON_GEOGRAPHIC) & set(counts)


def test_every_zone_in_the_tables_is_a_valid_zoneinfo_key():
    zones = {zone for row in rows(AREA_CODES_FILE) for zone in row["time_zones"].split(";")}
    zones |= {zone for row in rows(REGIONS_FILE) for zone in row["time_zones"].split(";")}
    for zone in zones:
        assert ZoneInfo(zone).key == zone
    assert "" not in zones


def test_caribbean_codes_have_a_country_and_no_region():
    others = [row for row in rows(AREA_CODES_FILE) if row["country"] not in ("US", "CA")]
    assert {row["country"] for row in others} >= {"JM", "DO", "BS", "BB", "TT", "BM"}
    assert all(row["region"] == "" and len(row["country"]) == 2 for row in others)


def test_a_region_keeps_the_zones_of_its_area_codes():
    """region_time_zones.csv and the area-code table must not drift apart."""
    by_region: dict[str, set[str]] = {}
    for row in rows(AREA_CODES_FILE):
        for region in filter(None, row["region"].split(";")):
            by_region.setdefault(region, set()).update(row["time_zones"].split(";"))
    shared = {"YT", "NT", "NU"}  # one area code (867) for the three territories
    for row in rows(REGIONS_FILE):
        zones = set(row["time_zones"].split(";"))
        if row["region"] in shared:
            assert zones <= by_region[row["region"]], row
        else:
            assert zones == by_region[row["region"]], row


def test_region_table_covers_every_region_of_the_area_codes():
    regions = {row["region"] for row in rows(REGIONS_FILE)}
    assert regions == US_STATES | CANADA | TERRITORIES


def test_zip_prefix_ranges_are_ordered_and_name_known_regions():
    table = rows(ZIP_PREFIXES_FILE)
    known = {row["region"] for row in rows(REGIONS_FILE)}
    previous = -1
    for row in table:
        start, end = int(row["prefix_from"]), int(row["prefix_to"])
        assert previous < start <= end <= 999, row
        assert row["state"] in known, row
        previous = end
    prefixes = load_tables().zip_prefixes
    assert {prefixes[p] for p in ("320", "349", "100", "900", "995", "006", "200")} == {
        "FL",
        "NY",
        "CA",
        "AK",
        "PR",
        "DC",
    }
    assert "340" not in prefixes and "962" not in prefixes  # military mail
    assert set(prefixes.values()) >= US_STATES


def test_every_data_file_says_what_it_is_and_its_version():
    for path in (AREA_CODES_FILE, REGIONS_FILE, ZIP_PREFIXES_FILE):
        head = path.read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("# "), path
        assert "Version 2026-12-01" in path.read_text(encoding="utf-8"), path


def test_the_tables_ship_inside_the_package_and_load_once():
    package = Path(recipient_location.__file__).resolve().parents[1]
    for path in (AREA_CODES_FILE, REGIONS_FILE, ZIP_PREFIXES_FILE):
        assert package in path.parents and path.is_file()  # the layer copies the package whole
    assert load_tables() is load_tables()
