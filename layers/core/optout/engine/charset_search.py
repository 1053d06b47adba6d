"""Compile a pattern so that its search jumps from one possible first character to the next.

Python's regular expression engine scans for the start of a match in a tight C loop only when
the pattern itself opens with a literal or a character class. A pattern that opens with a
zero-width test (`\\b`, a lookbehind) gets no such scan: the engine enters its matcher at every
position of the text, and a search that fails (the common case) costs about a fifth more.
`compile_ahead` compiles the pattern as written and gives the compiled code the set of characters
a match can begin with (prefilter.py) as its scan set. The matches cannot change: the scan skips
only positions where no match can begin. The lookahead of prefilter.py is not compiled in: with
the scan set it would test each entry's first character a second time.

This uses the standard library's private compiler (re._compiler, _sre). Anything unexpected
there (another Python version) falls back to re.compile(with_lookahead(source)).
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


def compile_ahead(source: str, parsed: Any = None) -> re.Pattern[str]:
    """The compiled `source`, scanning only at the characters a match can begin with.

    A pattern that opens with "^" is compiled as it stands: the engine then tries the start alone;
    so is one whose code already scans for a literal prefix or a set of its own. `parsed` is
    prefilter.parse(source) when the caller has it already (parsing is most of compiling)."""
    if _compiler is None:
        return re.compile(with_lookahead(source))  # pragma: no cover - other Python versions
    try:
        parsed = _compiler._parser.parse(source, 0) if parsed is None else parsed
        first = None if _opens_at_start(parsed) else first_characters(source, parsed)
        code = _compiler._code(parsed, 0)
        return _built(source, parsed, code, first)
    except Exception:  # a private API that changed: keep the ordinary pattern
        return re.compile(with_lookahead(source))  # pragma: no cover


def _built(source: str, parsed: Any, code: list[int], first: set[str] | None) -> re.Pattern[str]:
    """What re.compile builds from `code`, with `first` as its scan set when it has none of its own."""
    info = _constants.INFO
    if first is not None and code[0] == info and code[2] == 0:  # no literal prefix or scan set yet
        block = [info, 0, _constants.SRE_INFO_CHARSET, code[3], code[4]]  # the pattern's min and max length kept
        charset, cased = _compiler._optimize_charset([(_constants.LITERAL, ord(char)) for char in first])
        if not cased:
            _compiler._compile_charset(charset, 0, block)
            block[1] = len(block) - 1
            code = block + code[code[1] + 1 :]
    groups = parsed.state.groups
    index = [None] * groups
    for name, number in parsed.state.groupdict.items():
        index[number] = name
    flags = parsed.state.flags
    return _sre.compile(source, flags, code, groups - 1, parsed.state.groupdict, tuple(index))  # type: ignore[no-any-return]


def _with_scan_set(source: str, first: set[str]) -> re.Pattern[str] | None:
    """The compiled `source` with `first` as its scan set, or None when its code already has a
    literal prefix or a scan set (a test's view of what compile_ahead adds)."""
    parsed = _compiler._parser.parse(source, 0)
    code = _compiler._code(parsed, 0)
    if code[0] != _constants.INFO or code[2] != 0:
        return None
    return _built(source, parsed, code, first)


def _opens_at_start(parsed: Any) -> bool:
    """Whether the pattern's first element is "^" (no lookahead must hide it from the engine)."""
    items = list(parsed)
    return bool(items) and items[0] == (_constants.AT, _constants.AT_BEGINNING)
