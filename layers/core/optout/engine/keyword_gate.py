"""The keyword gate: is the message a keyword, read with the words around it?

A message is a keyword message when, after normalisation, every word is part of a keyword or
only reinforces it, and at least one keyword is present. Reinforcing words: polite filler
("please", "thanks", "svp"), time words ("now", "right now", "again"), and, around opt-out
keywords only, refusals ("no thanks"), insults, profanity and interjections ("ugh", "damn"),
and object pronouns ("stop it", "QUIT THAT"). Any other word gives the keyword another meaning
("stop by", "stop the payment", "end of the month", "cancel my 3pm", "STOP 12345") and the
message is not a keyword message.

Spelled-out keywords ("S-T-O-P", "s t o p p l s") are joined back first. Chinese, Japanese and
Korean messages have no spaces: their keywords and filler are matched as substrings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from optout.engine.decision import Action
from optout.engine.keywords import (
    _RANK,
    FILLER,
    MAX_KEYWORD_MESSAGE_WORDS,
    OBJECTS,
    REFUSALS,
    SQUEEZE_BLOCKED,
    WEAK_KEYWORDS,
    Keyword,
    KeywordTable,
    squeeze,
)
from optout.engine.languages import LANGUAGES
from optout.engine.normalization import clauses, plain


@dataclass(frozen=True, slots=True)
class KeywordMatch:
    keyword: Keyword  # the deciding keyword (highest precedence, first of its action)
    start: int  # word span of the keywords, filler at either end excluded
    stop: int
    reinforced: bool = False  # words other than polite filler surround it
    spelled: bool = False  # spelled out letter by letter ("S-T-O-P")


def match_keywords(tokens: list[str], squeezed: list[str], table: KeywordTable) -> KeywordMatch | None:
    """Match a whole message made of keywords and reinforcing words; None otherwise."""
    count = len(tokens)
    if count == 0 or count > MAX_KEYWORD_MESSAGE_WORDS:
        return None
    if not table.vocabulary.issuperset(squeezed):
        if (
            count >= 3
            and len(tokens[0]) * len(tokens[1]) * len(tokens[-1]) < 8
            and sum(len(word) == 1 for word in tokens) >= 3
        ):
            return _spelled(tokens, table)
        return None  # the common case: a word that no keyword or filler has
    found: list[tuple[int, int, Keyword]] = []
    kinds: set[str] = set()
    if not _walk(0, squeezed, tokens, table, found, kinds) or not found:
        return None
    best = max(found, key=lambda item: (_RANK[item[2].action], -item[0]))
    keyword = best[2]
    if kinds and keyword.action is not Action.OPT_OUT:
        return None  # "no yes", "nope help", "start it": contradictory or odd
    if "object" in kinds and keyword.canonical in WEAK_KEYWORDS:
        return None  # "cancel it", "end that": about something else
    return KeywordMatch(keyword, found[0][0], found[-1][1], reinforced=bool(kinds))


def _walk(
    i: int,
    squeezed: list[str],
    tokens: list[str],
    table: KeywordTable,
    found: list[tuple[int, int, Keyword]],
    kinds: set[str],
) -> bool:
    """Cover squeezed[i:] with keywords and reinforcing words, longest phrase first."""
    count = len(squeezed)
    if i == count:
        return True
    for length in range(min(table.longest, count - i), 0, -1):
        key = " ".join(squeezed[i : i + length])
        keyword = table.phrases.get(key)
        if keyword is not None and not any(t in SQUEEZE_BLOCKED for t in tokens[i : i + length]):
            found.append((i, i + length, keyword))
            if _walk(i + length, squeezed, tokens, table, found, kinds):
                return True
            found.pop()
        elif key in FILLER and _walk(i + length, squeezed, tokens, table, found, kinds):
            return True
        elif key in REFUSALS or key in OBJECTS:
            if _walk(i + length, squeezed, tokens, table, found, kinds):
                kinds.add("object" if key in OBJECTS else "refusal")
                return True
    return False


def _spelled(tokens: list[str], table: KeywordTable) -> KeywordMatch | None:
    """ "S-T-O-P", "s t o p p l s": join the run of single letters and read it again."""
    start = next(i for i, word in enumerate(tokens) if len(word) == 1)
    stop = start
    while stop < len(tokens) and len(tokens[stop]) == 1 and tokens[stop].isalpha():
        stop += 1
    if stop - start < 3:
        return None
    joined = "".join(tokens[start:stop])
    compact = _compact_phrases(table)
    for cut in range(len(joined), 1, -1):
        keyword_key = compact.get(squeeze(joined[:cut]))
        rest = joined[cut:]
        if keyword_key is None or (rest and squeeze(rest) not in _compact_filler()):
            continue
        words = [*tokens[:start], *keyword_key.split(), *tokens[stop:]]
        found = match_keywords(words, [squeeze(word) for word in words], table)
        if found is not None:
            return KeywordMatch(found.keyword, start, stop, found.reinforced, spelled=True)
    return None


@cache
def _compact_filler() -> frozenset[str]:
    return frozenset(phrase.replace(" ", "") for phrase in FILLER | REFUSALS)


def _compact_phrases(table: KeywordTable) -> dict[str, str]:
    return {key.replace(" ", ""): key for key in table.phrases}


# ---- Chinese, Japanese, Korean ------------------------------------------------------------------
@cache
def _unspaced_table() -> tuple[re.Pattern[str], dict[str, Keyword]]:
    keywords: dict[str, Keyword] = {}
    filler: set[str] = {"please", "pls", "plz", "thanks", "thx", "stop", "td"}
    for spec in LANGUAGES.values():
        if not spec.unspaced:
            continue
        for action, words in (
            (Action.OPT_OUT, spec.opt_out),
            (Action.OPT_IN, spec.opt_in),
            (Action.HELP, spec.help),
        ):
            for word in words:
                key = plain(clauses(word)).replace(" ", "")
                keywords.setdefault(key, Keyword(action, key.upper(), spec.code))
        filler.update(plain(clauses(word)).replace(" ", "") for word in spec.filler)
    keywords["stop"] = Keyword(Action.OPT_OUT, "STOP", "en")
    keywords["td"] = Keyword(Action.OPT_OUT, "TD", "zh")  # "回TD退订": TD is short for 退订
    pieces = sorted({*keywords, *filler}, key=len, reverse=True)
    return re.compile("|".join(re.escape(piece) for piece in pieces)), keywords


def match_unspaced(normalized: str) -> Keyword | None:
    """A Chinese, Japanese or Korean keyword message ("退订", "请退订谢谢", "수신거부 해주세요")."""
    compact = normalized.replace(" ", "")
    alternation, keywords = _unspaced_table()
    position, best = 0, None
    for found in alternation.finditer(compact):
        if found.start() != position:
            return None  # something else stands between
        position = found.end()
        keyword = keywords.get(found.group(0))
        if keyword is not None and (best is None or _RANK[keyword.action] > _RANK[best.action]):
            best = keyword
    return best if position == len(compact) else None
