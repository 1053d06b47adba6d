"""The first-character lookahead (prefilter.py) changes how fast intent patterns search, never
what they find. Examples written for these tests, not taken from the corpus."""

from __future__ import annotations

import re
import sys

import pytest

from optout.engine.intent import find_intent, pattern, rules
from optout.engine.normalization import clauses
from optout.engine.prefilter import required_literals, with_lookahead
from tests.unit.engine.test_classify_table import DEFAULT_ROWS, SETTINGS_ROWS

WORDS = " ".join(
    (
        "stop please remove me from your list no more texts unsubscribe wrong number who is this dont text",
        "me again not interested leave me alone opt out cancel my order can you stop by later ya basta",
        "arrete de m envoyer nao me mande keine sms mehr i said stop ok thanks help start yes",
    )
).split()


def _generated() -> list[str]:
    """Every window of one to six words over a shuffled-by-stride word list, with clause marks."""
    texts = []
    for stride in (1, 3, 7, 11):
        words = [WORDS[(i * stride) % len(WORDS)] for i in range(len(WORDS))]
        for size in range(1, 7):
            for start in range(len(words) - size + 1):
                chunk = words[start : start + size]
                texts.append(" ".join(chunk))
                texts.append(", ".join(chunk[:2]) + " " + " ".join(chunk[2:]))
    return texts


def _texts() -> list[str]:
    return [clauses(str(row[0])) for row in (*DEFAULT_ROWS, *SETTINGS_ROWS)] + _generated()


@pytest.mark.parametrize(
    ("source", "lookahead"),
    [
        (r"\b(?:stop|quit)\s(?:now|it)\b", "(?=[qs])"),
        (r"(?<!\S)(?:no)?more\b", "(?=[mn])"),  # an optional word: either may come first
        (r"(?<!\S)(?:no)?\s?more\b", None),  # \s is a class of many characters: unsure
        (r"^(?:hi\s)?(?:what|who)\b", "(?=[hw])"),
        (r"\b(?i:stop)\b", None),  # either case
        (r"(?i)stop", None),
        (r"\bst[a-z]p", "(?=[s])"),
        (r"[a-z]+", "(?=[a-z])"),  # a short range is spelled out
        (r"\b[1-9]\d?(?:st|th)", "(?=[1-9])"),
        (r"[\u0400-\u04ff]+", None),  # a whole script: too many characters to list
        (r"\w+", None),
        (r".stop", None),
        (r"(?:stop)?", None),  # matches the empty string
        (r"(?:^|,\s)no more", "(?=[,n])"),  # a zero-width branch: the next word may come first
        (r"(?:^|(?<=\bok ))(?:so\s)?no", "(?=[ns])"),
        (r"(?:^|,\s)(?:stop)?$", None),  # may match nothing at the end
        (r"(?:^|\s)no", None),
        (r"(?:x|[a-c]|[e-f])y", "(?=[a-cefx])"),  # two neighbours are listed, not a range
    ],
)
def test_lookahead_only_when_the_first_character_is_certain(source: str, lookahead: str | None) -> None:
    result = with_lookahead(source)
    assert result == (source if lookahead is None else f"{lookahead}(?:{source})")
    re.compile(result)


@pytest.mark.parametrize("position", range(len(rules())))
def test_every_intent_pattern_finds_the_same_matches(position: int) -> None:
    original = re.compile(rules()[position].source)
    faster = pattern(position)
    for text in _texts():
        assert [m.span() for m in faster.finditer(text)] == [m.span() for m in original.finditer(text)], text


@pytest.mark.parametrize(
    ("source", "literals"),
    [
        # Groups of alternatives spelled out, `\s` read as a space; the shortest strings first.
        (r"\b(?:stop|quit)\s(?:now|it)\b", ("quit it", "stop it", "quit now", "stop now")),
        (r"(?:^|,\s)no more\b", ("no more",)),
        (r"\b(?:stop|end)\s(?:the|these)\s(?:texts|calls)\b", ("end the", "stop the")),  # the cheaper stretch
        (r"abc(?=x)de", ("abcde",)),  # a zero-width test joins what is around it
        (r"(?:ab)?cde", ("cde",)),  # an optional part is no requirement
        (r"x+(?:abc)+", ("abc",)),
        (r"[1-9]\d?(?:st|nd)\stext", ("nd text", "st text")),
        # Each alternative gives its own best part, found inside its groups when cheaper.
        (
            r"\bcan\s(?:someone|a rep|a person|an agent)\scall\s(?:me|us)\b"
            r"|\bsend\sme\s(?:the|more|some)\sinfo\sabout\s(?:this|the|your)\s(?:program|service)\b",
            (" call me", " call us", " info about "),
        ),
        (r"(?i:stop)", None),  # either case
        (r"(?i)stop", None),
        (r"(?:stop|\w+)\s", None),  # one branch holds nothing certain
        (r"st[a-z]p|\w+ing", None),
        ("|".join(f"w{i:02d}" for i in range(40)), None),  # too many strings to be worth testing for
    ],
)
def test_required_literals(source: str, literals: tuple[str, ...] | None) -> None:
    assert required_literals(source) == literals


def test_a_space_is_the_only_white_space_of_printable_text() -> None:
    # find_intent tests the literals (where `\s` is a space) only on printable text.
    assert all(
        chr(code) == " " or not chr(code).isprintable()
        for code in range(sys.maxunicode + 1)
        if re.match(r"\s", chr(code))
    )


@pytest.mark.parametrize("text", ["stop\ttexting me", "remove me\u2003from your list", "no more\u00a0texts"])
def test_text_with_other_white_space_is_searched_without_the_literal_tests(text: str) -> None:
    tokens = text.split()
    gated = find_intent(text, text, tokens)
    assert gated is not None
    assert gated == find_intent(text, text, tokens, gated=False)


_WITH_LITERALS = [rule for rule in rules() if required_literals(rule.source) is not None]


def test_most_intent_patterns_have_a_literal_test() -> None:
    assert len(_WITH_LITERALS) > len(rules()) * 0.8


@pytest.mark.parametrize("source", [rule.source for rule in _WITH_LITERALS], ids=[rule.name for rule in _WITH_LITERALS])
def test_every_intent_match_holds_a_required_literal(source: str) -> None:
    literals = required_literals(source)
    assert literals is not None
    for text in _texts():
        for found in re.finditer(source, text):
            assert any(literal in found.group(0) for literal in literals), (text, literals)
