"""Compile a pattern so that its search jumps from one possible first character to the next.

Python's regular expression engine scans for the start of a match in a tight C loop only when
the pattern itself opens with a literal or a character class. A pattern that opens with a
zero-width test (`\\b`, a lookbehind, the lookahead of prefilter.py) gets no such scan: the
engine enters its matcher at every position of the text, and a search that fails (the common
case) costs about a fifth more. `compile_ahead` compiles `with_lookahead(source)` as usual, then
gives the compiled code the character set of that lookahead as its scan set. The matches cannot
change: the scan skips only positions where the lookahead, still in the pattern, would fail.

This uses the standard library's private compiler (re._compiler, _sre). Anything unexpected
there (another Python version) falls back to the ordinary compiled pattern.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from optout.engine.prefilter import first_characters, with_lookahead

try:  # private modules: absent or changed means "ordinary pattern", never an error
    _compiler: Any = importlib.import_module("re._compiler")
    _constants: Any = importlib.import_module("re._constants")
    _sre: Any = importlib.import_module("_sre")
except ImportError:  # pragma: no cover - other Python versions
    _compiler = None


def compile_ahead(source: str) -> re.Pattern[str]:
    """re.compile(with_lookahead(source)), scanning only at the characters a match can begin with.

    A pattern that opens with "^" is compiled as it stands: the engine then tries the start alone."""
    if _compiler is not None and _opens_at_start(source):
        return re.compile(source)
    ahead = with_lookahead(source)
    plain = re.compile(ahead)
    first = first_characters(source) if _compiler is not None else None
    if first is None:
        return plain
    try:
        scanning = _with_scan_set(ahead, first)
    except Exception:  # a private API that changed: keep the ordinary pattern
        return plain  # pragma: no cover
    if scanning is None or (scanning.groups, scanning.groupindex, scanning.flags) != (
        plain.groups,
        plain.groupindex,
        plain.flags,
    ):
        return plain  # pragma: no cover
    return scanning


def _with_scan_set(ahead: str, first: set[str]) -> re.Pattern[str] | None:
    """The compiled `ahead` with an information block that names `first` as its scan set."""
    parsed = _compiler._parser.parse(ahead, 0)
    code = _compiler._code(parsed, 0)
    info, skip = _constants.INFO, code[1]
    if code[0] != info or code[2] != 0:
        return None  # a literal prefix or a scan set already: nothing to add
    block = [info, 0, _constants.SRE_INFO_CHARSET, code[3], code[4]]  # the pattern's min and max length kept
    charset, cased = _compiler._optimize_charset([(_constants.LITERAL, ord(char)) for char in first])
    if cased:
        return None  # pragma: no cover
    _compiler._compile_charset(charset, 0, block)
    block[1] = len(block) - 1
    groups = parsed.state.groups
    index = [None] * groups
    for name, number in parsed.state.groupdict.items():
        index[number] = name
    flags = parsed.state.flags
    return _sre.compile(ahead, flags, block + code[skip + 1 :], groups - 1, parsed.state.groupdict, tuple(index))


def _opens_at_start(source: str) -> bool:
    """Whether the pattern's first element is "^" (no lookahead must hide it from the engine)."""
    items = list(_compiler._parser.parse(source, 0))
    return bool(items) and items[0] == (_constants.AT, _constants.AT_BEGINNING)
