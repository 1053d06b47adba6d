"""A first-character lookahead for intent patterns: the same matches, found faster.

Python's regular expression engine tries a pattern that opens with `\\b` or `(?<!\\S)` at every
position of the text. When every match must begin with one of a few known characters,
`(?=[...])` in front rejects the other positions at once: the matches (spans, groups) are
unchanged, only the search is about a third quicker. Zero-width openings ("^", "(?<=...)") and
optional words are seen through: "(?:^|,\\s)no more" begins with "," or "n". A pattern whose first
character cannot be told for sure (a category such as \\w, a long range, a wildcard,
case-insensitive letters, a match that may be empty) is left as it is.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

try:  # the standard library's own parser; private, so absent means "no lookahead", never an error
    _sre: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other Python versions
    _sre = None

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_MAX_RANGE = 64  # "[1-9]", "[a-z]": short ranges are spelled out; longer ones (scripts) are not
_MAX_ALTERNATIVES = 12  # more strings to look for would cost about what a failed search costs


def with_lookahead(source: str) -> str:
    """`source` behind a lookahead on its possible first characters, when those are certain."""
    first = first_characters(source)
    if first is None:
        return source
    return "(?=[" + _char_class(first) + "])(?:" + source + ")"


def first_characters(source: str) -> set[str] | None:
    """Every character a match of `source` can begin with, or None when unsure or a match may be empty."""
    if _sre is None:
        return None  # pragma: no cover
    if _GLOBAL_FLAGS.match(source):
        return None  # "(?i)" and the like must stay first
    parsed = _sre.parse(source)
    if parsed.state.flags & re.IGNORECASE:
        return None
    first = _first_chars(list(parsed))
    if first is None or first[1] or not first[0]:
        return None  # unsure, or a match may be empty
    return first[0]


def _char_class(chars: set[str]) -> str:
    """The body of a character class holding `chars`, runs of codes written as ranges ("a-z")."""
    codes, parts = sorted(map(ord, chars)), []
    start = previous = codes[0]
    for code in [*codes[1:], -2]:
        if code != previous + 1:
            low, high = re.escape(chr(start)), re.escape(chr(previous))
            parts.append(low if start == previous else low + high if previous == start + 1 else f"{low}-{high}")
            start = code
        previous = code
    return "".join(parts)


def _class_chars(arg: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters of a class of literals and short ranges, or None (a category, a negation)."""
    chars: set[str] = set()
    for kind, value in arg:
        if kind is _sre.LITERAL:
            chars.add(chr(value))
        elif kind is _sre.RANGE and value[1] - value[0] < _MAX_RANGE:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return chars


def _first_chars(items: list[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """Every character a match of this sequence can begin with, and whether it can match nothing
    at all (then what follows the sequence may come first); None when unsure."""
    found: set[str] = set()
    for op, arg in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: the first character comes after
        if op is _sre.LITERAL:
            return found | {chr(arg)}, False
        if op is _sre.IN:
            chars = _class_chars(arg)
            return None if chars is None else (found | chars, False)
        if op is _sre.SUBPATTERN:
            if arg[1] & re.IGNORECASE:
                return None  # (?i:...) letters match either case
            branches, optional = [arg[3]], False
        elif op is _sre.BRANCH:
            branches, optional = arg[1], False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            branches, optional = [arg[2]], arg[0] == 0
        else:
            return None  # a wildcard, a back reference, ...
        for branch in branches:
            inner = _first_chars(list(branch))
            if inner is None:
                return None
            found |= inner[0]
            optional = optional or inner[1]  # a branch that can be empty: "(?:^|,\s)"
        if not optional:
            return found, False
    return found, True  # the sequence can match the empty string


def required_literals(source: str) -> tuple[str, ...] | None:
    """Strings of three letters or more one of which every match of `source` contains, or None.

    A `str.__contains__` test on these is much cheaper than a search that fails: a message whose
    words allow a rule but lack, say, "no more" skips its pattern.
    """
    if _sre is None or _GLOBAL_FLAGS.match(source):
        return None  # pragma: no cover - other Python versions; global flags (case) are unsure
    parsed = _sre.parse(source)
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _sequence_literals(list(parsed))
    return None if found is None else tuple(sorted(found))


def _sequence_literals(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The best set of alternatives among the sequence's required parts (each must occur)."""
    options: list[set[str]] = []
    run = ""
    for op, arg in [*items, (None, None)]:  # the sentinel ends the last run of literals
        if op is _sre.LITERAL:
            run += chr(arg)
            continue
        if len(run) >= 3:
            options.append({run})
        run = ""
        inner = _part_literals(op, arg)
        if inner:
            options.append(inner)
    if not options:
        return None
    return min(options, key=lambda option: (len(option), -min(map(len, option))))


def _part_literals(op: Any, arg: Any) -> set[str] | None:
    """What one required part of a sequence must contain: a group, alternatives, a repeat."""
    if op is _sre.SUBPATTERN and not arg[1] & re.IGNORECASE:
        return _sequence_literals(list(arg[3]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
        return _sequence_literals(list(arg[2]))
    if op is _sre.BRANCH:
        alternatives: set[str] = set()
        for branch in arg[1]:
            inner = _sequence_literals(list(branch))
            if inner is None:
                return None  # a branch with nothing certain: the whole part is unsure
            alternatives |= inner
        return alternatives if len(alternatives) <= _MAX_ALTERNATIVES else None
    return None  # a class, a category, a zero-width test, an optional part
