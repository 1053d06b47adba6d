"""compile_ahead (charset_search.py), no_action (decision.py) and the cheaper scans of detect.py and
normalization.py make the engine faster, never different. Examples written for these tests, not
taken from the corpus."""

from __future__ import annotations

import re
import sys

import pytest

from optout.engine import charset_search, detect, normalization
from optout.engine.charset_search import compile_ahead
from optout.engine.decision import Action, Decision, Rule, no_action
from optout.engine.intent import rules
from optout.engine.prefilter import first_characters
from tests.unit.engine.test_prefilter import _texts

_TEXTS = [*_texts(), "", "x", "  stop  ", "re remove me", "nono more , no more texts", "stop\nnow"]


@pytest.mark.parametrize(
    "source",
    [
        r"\bstop\b",
        r"(?:^|,\s)no more\b",
        r"(?<!\S)(?:remove|delete)\s(me|us)(?P<rest>\s\w+)?",
        r"\b(?:[1-9]\d?)\stexts",
        r"^(?:please\s)?stop",
        r"(?i)stop",
        r"\w+",
        r"(?:x)?",
    ],
)
def test_same_matches_and_groups_as_re_compile(source: str) -> None:
    fast, plain = compile_ahead(source), re.compile(source)
    assert (fast.groups, fast.groupindex) == (plain.groups, plain.groupindex)
    for text in _TEXTS:
        ours = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert ours == [(m.span(), m.groups()) for m in plain.finditer(text)], text
        assert fast.findall(text) == plain.findall(text)
        assert bool(fast.match(text)) == bool(plain.match(text))


def test_every_intent_pattern_gets_a_scan_set_when_it_has_a_lookahead() -> None:
    """Fails if the private compiler changed so that no pattern gets its scan set (no speed-up)."""
    scanned = 0
    for rule in rules():
        first = first_characters(rule.source)
        if first is not None:
            own = charset_search._compiler._code(charset_search._compiler._parser.parse(rule.source, 0), 0)[2]
            assert own or charset_search._with_scan_set(rule.source, first) is not None  # own: a literal prefix
            scanned += 1
    assert scanned > len(rules()) * 0.9


def test_a_pattern_opening_with_a_caret_is_compiled_as_written() -> None:
    assert compile_ahead(r"^(?:please\s)?stop").pattern == r"^(?:please\s)?stop"
    # No lookahead compiled in: the scan set already tests each entry's first character.
    assert compile_ahead(r"\bstop").pattern == r"\bstop"
    assert charset_search._with_scan_set(r"\bstop", {"s"}) is not None


@pytest.mark.parametrize(("language", "detail"), [("en", None), (None, "STOP followed by other words"), ("es", "x")])
def test_no_action_is_the_plain_decision(language: str | None, detail: str | None) -> None:
    built = no_action(language, "hello there", detail)
    expected = Decision(Action.NONE, Rule.NONE, None, None, language, "hello there", detail)
    assert built == expected
    assert repr(built) == repr(expected) and hash(built) == hash(expected)
    with pytest.raises(AttributeError):
        built.action = Action.OPT_OUT  # type: ignore[misc]  # still frozen


@pytest.mark.parametrize(
    ("written", "insensitive"),
    [
        (detect._VIETNAMESE, "[\u01a1\u01b0\u0103\u0111\u1ea0-\u1ef9]"),
        (detect._POLISH, "[\u0142\u0105\u0119\u015b\u017a\u017c\u0144]"),
    ],
)
def test_letter_classes_written_in_both_cases_match_as_ignorecase(written: re.Pattern[str], insensitive: str) -> None:
    either = re.compile(insensitive, re.IGNORECASE)
    assert [c for c in range(sys.maxunicode + 1) if written.match(chr(c))] == [
        c for c in range(sys.maxunicode + 1) if either.match(chr(c))
    ]


def test_scans_for_high_characters_agree_with_max() -> None:
    for text in ("abc", "caf\u00e9 \u00a3", "\u2029x", "\u2030", "\u036f", "\u0370", "\U0001f6d1 stop", "\ud800"):
        assert (normalization._FROM_U2030.search(text) is None) == (max(text) < "\u2030"), text
        assert (detect._FROM_GREEK.search(text) is None) == (max(text) < "\u0370"), text
