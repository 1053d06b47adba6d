"""Natural-language requests: find the first opt-out (else opt-in, else help) a message makes.

The rules live by family: intent_rules.py (the original English requests), intent_families.py
(no object, dismissals, threats, consent, channel, wrong owner, questions, complaints),
intent_spanish_french.py, optin_help.py and the language phrase tables (phrases.py). Each is a
regular expression over the clause-marked normalised text, compiled the first time a message
needs it.

A match is dropped when a negation governs it in the same clause, when it reports what someone
else was told, or when the message is a broadcast carrying opt-out instructions
(intent_guards.py). Rules list the words they cannot match without (`needs`): a message tries
only the rules its own words can satisfy, which keeps the engine fast (most messages try none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from optout.engine.intent_families import FAMILY_RULES
from optout.engine.intent_guards import is_broadcast, negated
from optout.engine.intent_pieces import PREFIXES, IntentRule
from optout.engine.intent_rules import ENGLISH_RULES
from optout.engine.intent_spanish_french import SPANISH_FRENCH_RULES
from optout.engine.models import Action
from optout.engine.optin_help import OPT_IN_HELP_RULES
from optout.engine.phrases import language_rules

__all__ = ["IntentMatch", "IntentRule", "find_intent", "negated", "rules"]


@cache
def rules() -> tuple[IntentRule, ...]:
    """Every intent rule, opt-outs first (built on first use: the language tables are folded)."""
    return (
        *ENGLISH_RULES,
        *FAMILY_RULES,
        *SPANISH_FRENCH_RULES,
        *language_rules(),
        *OPT_IN_HELP_RULES,
    )


@dataclass(frozen=True, slots=True)
class IntentMatch:
    rule: IntentRule
    text: str  # matched words, clause marks removed
    start: int  # span in the clause text
    stop: int


@dataclass(frozen=True, slots=True)
class _Index:
    by_word: dict[str, tuple[int, ...]]  # rule positions by the words of their first `needs`
    prefixed: tuple[int, ...]
    first_words: frozenset[str]
    compiled: list[re.Pattern[str] | None]
    rest: tuple[tuple[frozenset[str], ...], ...]  # each rule's `needs` after the first
    prefixed_set: frozenset[int]


@cache
def _index() -> _Index:
    by_word: dict[str, tuple[int, ...]] = {}
    every = rules()
    for position, entry in enumerate(every):
        for word in entry.needs[0]:
            by_word[word] = (*by_word.get(word, ()), position)
    prefixed = tuple(position for position, entry in enumerate(every) if entry.prefixed)
    rest = tuple(entry.needs[1:] for entry in every)
    return _Index(by_word, prefixed, frozenset(by_word), [None] * len(every), rest, frozenset(prefixed))


def pattern(position: int) -> re.Pattern[str]:
    """The compiled regular expression of rules()[position]."""
    compiled = _index().compiled
    found = compiled[position]
    if found is None:
        found = compiled[position] = re.compile(rules()[position].source)
    return found


def _candidates(clause_text: str, tokens: list[str], gated: bool) -> list[int]:
    index = _index()
    prefix_hit = ("unsub" in clause_text or "des" in clause_text) and bool(PREFIXES.search(clause_text))
    if not gated:
        return list(range(len(rules())))
    hits = index.first_words.intersection(tokens)
    if not hits and not prefix_hit:
        return []  # most messages: no word any rule starts from
    candidates: set[int] = set(index.prefixed) if prefix_hit else set()
    by_word = index.by_word
    for word in hits:
        candidates.update(by_word[word])
    words = frozenset(tokens)
    rest, prefixed = index.rest, index.prefixed_set
    return [
        position
        for position in sorted(candidates)
        if (prefix_hit and position in prefixed) or all(not needed.isdisjoint(words) for needed in rest[position])
    ]


def _first_match(position: int, clause_text: str) -> IntentMatch | None:
    entry = rules()[position]
    for found in pattern(position).finditer(clause_text):
        if entry.negatable or entry.unless is not None:
            clause_start = clause_text.rfind(",", 0, found.start()) + 1
            prefix = clause_text[clause_start : found.start()]
            if entry.negatable and negated(prefix.split()):
                continue
            if entry.unless is not None and entry.unless.search(prefix.lstrip()):
                continue
        text = " ".join(found.group(0).replace(",", " ").split())
        return IntentMatch(entry, text, found.start(), found.end())
    return None


def find_intent(original: str, clause_text: str, tokens: list[str], *, gated: bool = True) -> IntentMatch | None:
    """The first natural-language opt-out in the message (else opt-in, else help), or None.

    `gated=False` tries every pattern regardless of `needs` (a test uses it to show the word
    tests never change a result).
    """
    best: IntentMatch | None = None
    for position in _candidates(clause_text, tokens, gated):
        entry = rules()[position]
        if best is not None and entry.action is not Action.OPT_OUT:
            break  # rules are ordered opt-out, opt-in, help: keep the opt-in or help found
        found = _first_match(position, clause_text)
        if found is None:
            continue
        if is_broadcast(original, clause_text):
            return None
        if entry.action is Action.OPT_OUT:
            return found
        best = best or found
    return best
