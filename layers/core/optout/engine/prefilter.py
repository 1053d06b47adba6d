"""What a pattern's matches must begin with and must hold, read from the pattern itself.

Python's regular expression engine tries a pattern that opens with `\\b` or `(?<!\\S)` at every
position of the text. When every match must begin with one of a few known characters,
`(?=[...])` in front rejects the other positions at once: the matches (spans, groups) are
unchanged, only the search is about a third quicker (charset_search.py goes further). Zero-width
openings ("^", "(?<=...)") and optional words are seen through: "(?:^|,\\s)no more" begins with
"," or "n". A pattern whose first character cannot be told for sure (a category such as \\w, a long
range, a wildcard, case-insensitive letters, a match that may be empty) is left as it is.

`required_literals` lists strings one of which every match holds, so that a message without any
of them skips the search.
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


def with_lookahead(source: str) -> str:
    """`source` behind a lookahead on its possible first characters, when those are certain."""
    first = first_characters(source)
    if first is None:
        return source
    return "(?=[" + _char_class(first) + "])(?:" + source + ")"


def parse(source: str) -> Any:
    """The standard library's parse tree of `source` (read by the functions here and charset_search.py)."""
    return _sre.parse(source)


def first_characters(source: str, parsed: Any = None) -> set[str] | None:
    """Every character a match of `source` can begin with, or None when unsure or a match may be empty.

    `parsed` is parse(source) when the caller has it already."""
    if _sre is None:
        return None  # pragma: no cover
    if _GLOBAL_FLAGS.match(source):
        return None  # "(?i)" and the like must stay first
    parsed = _sre.parse(source) if parsed is None else parsed
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


# Rough costs in one unit (a `str.__contains__` test on a message, a search that fails), and the
# chance that a string of n characters occurs in a message: what a literal test is worth.
_TEST_COST, _SEARCH_COST = 45.0, 2500.0
_CHANCE = [min(1.0, 3.0 * 0.5**length) for length in range(16)]
_MAX_STRINGS = 64  # the strings of one part, spelled out: more are never worth testing for
_EMPTY = frozenset(("",))


def _cost(strings: frozenset[str] | list[str]) -> float:
    """What testing for `strings` costs, with the search it leaves to do when one is there."""
    chance = sum(_CHANCE[min(len(string), 15)] for string in strings)
    return len(strings) * _TEST_COST + min(1.0, chance) * _SEARCH_COST


def required_literals(source: str, parsed: Any = None) -> tuple[str, ...] | None:
    """Strings one of which every match of `source` contains, or None when none are worth testing for.

    A `str.__contains__` test on these is much cheaper than a search that fails: a message whose
    words allow a rule but lack, say, "no more texts" skips its pattern. Each alternative of the
    pattern gives its best part (a run of literals, short groups of alternatives spelled out:
    "(?:stop|end)\\sthe" gives "stop the", "end the"). `\\s` stands for a space: the strings hold
    for text whose only white space is the space between words (str.isprintable(), which the
    normalised clause text is; the caller checks).
    """
    if _sre is None or _GLOBAL_FLAGS.match(source):
        return None  # pragma: no cover - other Python versions; global flags (case) are unsure
    parsed = _sre.parse(source) if parsed is None else parsed
    if parsed.state.flags & re.IGNORECASE:
        return None
    reader = _PartReader()
    chosen: set[str] = set()
    for branch in _alternatives(_items(parsed)):
        best = reader.best_part(branch)
        if best is None:
            return None  # an alternative with nothing certain to look for
        chosen |= best
    kept = [string for string in chosen if not any(other != string and other in string for other in chosen)]
    kept.sort(key=lambda string: (len(string), string))  # the likeliest first: a test that passes stops sooner
    return tuple(kept) if _cost(kept) < 0.9 * _SEARCH_COST else None


def _items(node: Any) -> list[tuple[Any, Any]]:
    """The elements of a parsed sequence (its list itself: iterating a SubPattern costs a call each)."""
    found = getattr(node, "data", None)
    return found if isinstance(found, list) else list(node)


def _alternatives(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """The top-level alternatives of a pattern (a group around the whole pattern is seen through)."""
    if len(items) == 1 and items[0][0] is _sre.BRANCH:
        return [inner for branch in items[0][1][1] for inner in _alternatives(_items(branch))]
    if len(items) == 1 and items[0][0] is _sre.SUBPATTERN and not items[0][1][1] & re.IGNORECASE:
        return _alternatives(_items(items[0][1][3]))
    return [items]


def _joined(strings: frozenset[str], element: frozenset[str]) -> frozenset[str]:
    return frozenset(a + b for a in strings for b in element)


class _PartReader:
    """Reads the parts of one parse tree; what each group spells out is worked out once."""

    def __init__(self) -> None:
        self._spelled: dict[int, frozenset[str] | None] = {}  # by id() of a group's node: the tree is alive

    def best_part(self, items: list[tuple[Any, Any]]) -> frozenset[str] | None:
        """The cheapest part of a sequence to test for (each part's strings: one is in every match)."""
        parts = [part for part in self._parts(items) if "" not in part]
        return min(parts, key=lambda part: (_cost(part), sorted(part))) if parts else None

    def _parts(self, items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
        """Every part of a sequence: each stretch of consecutive spelled-out elements, and what
        the groups that are not spelled out (or spell out many strings) require inside."""
        found: list[frozenset[str]] = []
        run: list[frozenset[str]] = []
        for op, arg in items:
            strings = self._strings_of(op, arg)
            if strings is None:
                found += _stretches(run) + self._inner_parts(op, arg)
                run = []
                continue
            if len(strings) > 8:
                found += self._inner_parts(op, arg)  # a part inside may be cheaper than all of it
            if len(strings) == 1 and run and len(run[-1]) == 1:
                run[-1] = _joined(run[-1], strings)  # letters of one word: one element
            elif strings != _EMPTY:
                run.append(strings)
        return found + _stretches(run)

    def _inner_parts(self, op: Any, arg: Any) -> list[frozenset[str]]:
        """What a required element that is not spelled out requires inside."""
        if op is _sre.SUBPATTERN and not arg[1] & re.IGNORECASE:
            return self._parts(_items(arg[3]))
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            return self._parts(_items(arg[2]))
        if op is _sre.BRANCH:
            alternatives: set[str] = set()
            for branch in arg[1]:
                best = self.best_part(_items(branch))
                if best is None:
                    return []  # a branch with nothing certain: the whole element is unsure
                alternatives |= best
            return [frozenset(alternatives)]
        return []  # a class, a category, a wildcard, an optional part

    def _strings_of(self, op: Any, arg: Any) -> frozenset[str] | None:
        """Every string an element matches, spelled out ("\\s" as a space), or None (too many, unsure)."""
        if op is _sre.LITERAL:
            return frozenset((chr(arg),))
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            return _EMPTY  # zero-width: the characters around it are adjacent
        if op is _sre.IN:
            return _class_strings(arg)
        if op not in (_sre.SUBPATTERN, _sre.BRANCH, _sre.MAX_REPEAT, _sre.MIN_REPEAT):
            return None
        key = id(arg)
        if key not in self._spelled:
            self._spelled[key] = self._group_strings(op, arg)
        return self._spelled[key]

    def _group_strings(self, op: Any, arg: Any) -> frozenset[str] | None:
        if op is _sre.SUBPATTERN:
            return None if arg[1] & re.IGNORECASE else self._sequence_strings(_items(arg[3]))
        if op is _sre.BRANCH:
            alternatives: set[str] = set()
            for branch in arg[1]:
                strings = self._sequence_strings(_items(branch))
                if strings is None or len(alternatives | strings) > _MAX_STRINGS:
                    return None
                alternatives |= strings
            return frozenset(alternatives)
        least, most, inner = arg
        if most > 3:
            return None
        once = self._sequence_strings(_items(inner))
        if once is None:
            return None
        found: set[str] = set()
        strings = _EMPTY
        for count in range(most + 1):  # "texts?": "text", "texts"
            if count >= least:
                found |= strings
            if count < most:
                strings = _joined(strings, once)
            if len(found) + len(strings) > _MAX_STRINGS:
                return None
        return frozenset(found)

    def _sequence_strings(self, items: list[tuple[Any, Any]]) -> frozenset[str] | None:
        strings, tail = _EMPTY, ""  # tail: the letters after the last group of alternatives
        for op, arg in items:
            if op is _sre.LITERAL:
                tail += chr(arg)
                continue
            element = self._strings_of(op, arg)
            if element is None:
                return None
            if len(element) == 1:
                tail += next(iter(element))
                continue
            strings = frozenset(a + tail + b for a in strings for b in element)
            tail = ""
            if len(strings) > _MAX_STRINGS:
                return None
        return frozenset(a + tail for a in strings) if tail else strings


def _stretches(run: list[frozenset[str]]) -> list[frozenset[str]]:
    """The strings of every stretch of consecutive elements (cross products small enough)."""
    found = []
    for first in range(len(run)):
        strings = _EMPTY
        for element in run[first:]:
            strings = _joined(strings, element)
            if len(strings) > _MAX_STRINGS:
                break
            found.append(strings)
    return found


def _class_strings(arg: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for kind, value in arg:
        if kind is _sre.LITERAL:
            chars.add(chr(value))
        elif kind is _sre.CATEGORY and value is _sre.CATEGORY_SPACE:
            chars.add(" ")  # the only white space of single-spaced text
        elif kind is _sre.RANGE and value[1] - value[0] < 10:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return frozenset(chars)
