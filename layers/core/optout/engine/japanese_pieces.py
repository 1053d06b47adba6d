"""The pieces engine/japanese.py cuts a message into: one alternation of every table's words, each
word with the kind of its table, and katakana folded to hiragana on both sides of every match."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from optout.engine.languages import japanese_formal as formal
from optout.engine.languages import japanese_loanwords as loan
from optout.engine.languages import japanese_published as published
from optout.engine.languages import japanese_registers as registers
from optout.engine.languages import japanese_structure as tables

# Which table a piece comes from; the first table naming a piece wins ("配信停止" stops, "また" is again).
_TABLES = (
    ("stop", (*tables.STOP, *registers.STOP, *loan.STOP, *formal.STOP, *published.STOP)),
    ("sent", (*tables.NOT_SENT, *registers.NOT_SENT, *loan.NOT_SENT)),
    ("needed", (*tables.NOT_NEEDED, *registers.NOT_WANTED, *loan.NOT_NEEDED, *formal.NOT_NEEDED)),
    ("weak", (*tables.WEAK_NOT_NEEDED, *loan.WEAK)),
    ("annoyed", (*tables.ANNOYED, *registers.ANNOYED, *loan.ANNOYED)),
    ("consent", tables.CONSENT),
    ("never", registers.NEVER_DONE),
    ("agreed", (*registers.AGREED, *loan.AGREED)),
    ("untold", registers.UNTOLD),
    ("uneasy", (*registers.UNEASY, *loan.UNEASY)),
    ("authority", (*registers.AUTHORITIES, *loan.AUTHORITIES)),
    ("report", (*registers.REPORTING, *loan.REPORTING)),
    ("spam_report", loan.SPAM_REPORT),
    ("reported", loan.REPORTED),
    ("will", tuple(loan.WILL)),
    ("legal", registers.LEGAL),
    ("taking", registers.TAKING),
    ("switch", (*registers.SWITCH, *loan.SWITCH)),
    ("resume", (*registers.RESUME, *loan.RESUME)),
    ("again", registers.AGAIN),
    ("thanks", registers.THANKS),
    ("sending", (*registers.SENDING, *loan.SENDING)),
    ("send", (*registers.SEND_ASKED, *loan.SEND_ASKED)),
    ("often", (*tables.OFTEN, *registers.OFTEN)),
    ("why", (*tables.WHY, *registers.HOW_LONG)),
    ("messages", (*tables.MESSAGES, *loan.MESSAGES)),
    (
        "reinforcing",
        (*tables.REINFORCING, *registers.REINFORCING, *loan.REINFORCING, *formal.REINFORCING, *published.REINFORCING),
    ),
    ("ending", (*tables.ENDINGS, *registers.ENDINGS, *loan.ENDINGS)),
)
# Katakana to hiragana, one character for one ("テイシ" reads "ていし"); ー and ヷ-ヺ have none.
_KANA = str.maketrans({chr(code): chr(code - 0x60) for code in range(0x30A1, 0x30F7)})


def fold(text: str) -> str:
    return text.translate(_KANA)


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """A pattern of the tables, folded as the message is."""
    return re.compile(fold(pattern))


@cache
def pieces() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds: dict[str, str] = {}
    for kind, words in _TABLES:
        for word in words:
            kinds.setdefault(fold(word.casefold()), kind)
    return re.compile(_trie(kinds)), kinds


def _trie(words: Iterable[str]) -> str:
    """One alternation of the words as a prefix tree: the longest word at a place wins, as with the
    words sorted longest first, but each place tries one branch per next character, not every word."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(root)


def _branches(node: dict[str, dict]) -> str:
    alternatives = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if "" in node else body


def held_kinds(compact: str) -> set[str]:
    """The kinds of the pieces found in a folded message."""
    pattern, kinds = pieces()
    return {kinds[piece] for piece in pattern.findall(compact)}
