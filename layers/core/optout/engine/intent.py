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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, reduce
from operator import or_

from optout.engine.charset_search import compile_ahead
from optout.engine.decision import Action
from optout.engine.intent_code_switch import CODE_SWITCH_RULES
from optout.engine.intent_coverage import COVERAGE_RULES
from optout.engine.intent_everyday import DEATH_RULES, EVERYDAY_RULES
from optout.engine.intent_families import FAMILY_RULES
from optout.engine.intent_general import GENERAL_RULES
from optout.engine.intent_guards import is_broadcast, negated
from optout.engine.intent_kinds import KIND_RULES
from optout.engine.intent_pause import PAUSE_RULES
from optout.engine.intent_pieces import PREFIXES, IntentRule
from optout.engine.intent_rules import ENGLISH_RULES
from optout.engine.intent_spanish_french import SPANISH_FRENCH_RULES
from optout.engine.intent_structures import STRUCTURE_RULES
from optout.engine.optin_help import OPT_IN_HELP_RULES
from optout.engine.optin_help_coverage import OPT_IN_HELP_COVERAGE_RULES
from optout.engine.optin_help_everyday import OPT_IN_HELP_EVERYDAY_RULES
from optout.engine.optin_help_general import OPT_IN_HELP_GENERAL_RULES
from optout.engine.optin_help_kinds import OPT_IN_HELP_KIND_RULES
from optout.engine.optin_help_questions import OPT_IN_HELP_QUESTION_RULES
from optout.engine.optin_help_structures import OPT_IN_HELP_STRUCTURE_RULES
from optout.engine.phrases import language_rules
from optout.engine.prefilter import parse, required_literals

_OPT_OUT = Action.OPT_OUT  # bound once: an enum member looked up on its class costs a call

__all__ = ["IntentMatch", "IntentRule", "find_intent", "negated", "rules"]


@cache
def rules() -> tuple[IntentRule, ...]:
    """Every intent rule, opt-outs first (built on first use: the language tables are folded)."""
    return (
        *DEATH_RULES,
        *ENGLISH_RULES,
        *FAMILY_RULES,
        *GENERAL_RULES,
        *KIND_RULES,
        *EVERYDAY_RULES,
        *COVERAGE_RULES,
        *STRUCTURE_RULES,
        *CODE_SWITCH_RULES,
        *PAUSE_RULES,
        *SPANISH_FRENCH_RULES,
        *language_rules(),
        *OPT_IN_HELP_RULES,
        *OPT_IN_HELP_GENERAL_RULES,
        *OPT_IN_HELP_KIND_RULES,
        *OPT_IN_HELP_EVERYDAY_RULES,
        *OPT_IN_HELP_COVERAGE_RULES,
        *OPT_IN_HELP_STRUCTURE_RULES,
        *OPT_IN_HELP_QUESTION_RULES,
    )


@dataclass(frozen=True, slots=True)
class IntentMatch:
    rule: IntentRule
    text: str  # matched words, clause marks removed
    start: int  # span in the clause text
    stop: int


@dataclass(frozen=True, slots=True)
class _Index:
    prefixed: tuple[int, ...]
    first_words: frozenset[str]  # the words of every rule's key `needs` group: none, no rule
    compiled: list[re.Pattern[str] | None]
    literals: list[tuple[str, ...] | None]  # strings one of which a match holds (filled with compiled)
    needed: frozenset[str]  # every word of every `needs` group
    # Each rule's `needs` groups as a field of bits, one per group and a carry bit above them: a word's
    # mask sets the bits of the groups it belongs to; adding `ones` (the lowest bit of every field)
    # to a message's mask carries into a rule's carry bit exactly when all its groups are met.
    masks: dict[str, int]
    ones: int
    carries: int
    rule_at: list[int]  # by bit number: the rule whose carry bit it is


# Everyday words: a rule's key is the `needs` group with fewest of them, so that ordinary messages
# ("I don't know how to get there") often hold no key word and try no rule at once. Only speed
# depends on this list: every group is still required.
_COMMON = frozenset(
    " ".join(
        (
            "me my i you u call not can get do be will no this from how dont out what know like come only",
            "send want need back take more her his make work way who why where been them us would could",
            "keep again off help many name talk never being live end start put away these ask care",
            "anything phone number mobile text txt msg message it is in to the a and of for on at that",
            "have are was with your just now so but ok got go see all one time day good love going",
        )
    ).split()
)


def _key_group(needs: tuple[frozenset[str], ...]) -> int:
    return min(range(len(needs)), key=lambda i: (len(needs[i] & _COMMON), len(needs[i])))


@cache
def _index() -> _Index:
    every = rules()
    keys = [_key_group(entry.needs) if entry.key is None else entry.key for entry in every]
    first_words = frozenset().union(*(entry.needs[keys[position]] for position, entry in enumerate(every)))
    fields: dict[frozenset[str], int] = {}  # by group: its bit in the field of every rule that needs it
    ones = carries = bit = 0
    rule_at: list[int] = []
    for position, entry in enumerate(every):
        ones |= 1 << bit
        for group in entry.needs:
            fields[group] = fields.get(group, 0) | 1 << bit
            bit += 1
        carries |= 1 << bit
        rule_at += [-1] * len(entry.needs) + [position]
        bit += 1
    masks: dict[str, int] = {}
    for group, field_bits in fields.items():
        for word in group:
            masks[word] = masks.get(word, 0) | field_bits
    prefixed = tuple(position for position, entry in enumerate(every) if entry.prefixed)
    size = len(every)
    return _Index(prefixed, first_words, [None] * size, [None] * size, frozenset(masks), masks, ones, carries, rule_at)


def pattern(position: int) -> re.Pattern[str]:
    """The compiled regular expression of rules()[position]."""
    index = _index()
    found = index.compiled[position]
    if found is None:
        source = rules()[position].source
        parsed = parse(source)  # once for both: parsing is most of the cost
        index.literals[position] = required_literals(source, parsed)
        found = index.compiled[position] = compile_ahead(source, parsed)
    return found


def candidates(clause_text: str, tokens: list[str], gated: bool = True) -> Sequence[int]:
    """Positions in rules() of the rules this message's words allow, in order (all if not gated)."""
    if not gated:
        return range(len(rules()))
    index = _index()
    prefix_hit = ("unsub" in clause_text or "des" in clause_text) and bool(PREFIXES.search(clause_text))
    # The message's words that any rule needs (a few): the rules they allow depend on them alone.
    words = index.needed.intersection(tokens)
    if not prefix_hit and index.first_words.isdisjoint(words):
        return ()  # most messages: no word any rule starts from
    return _allowed(words, prefix_hit)


_Step = tuple[IntentRule, re.Pattern[str], tuple[str, ...] | None]  # a rule, its pattern, its literals


def _search_plan(clause_text: str, tokens: list[str], gated: bool) -> tuple[_Step, ...]:
    """What find_intent tries on this message: the same as candidates(), read from a kept plan."""
    if not gated:
        return _plan(None, False, clause_text.isprintable())
    index = _index()
    prefix_hit = ("unsub" in clause_text or "des" in clause_text) and bool(PREFIXES.search(clause_text))
    words = index.needed.intersection(tokens)
    if not prefix_hit and index.first_words.isdisjoint(words):
        return ()  # most messages: no word any rule starts from
    return _plan(words, prefix_hit, clause_text.isprintable())


@lru_cache(maxsize=8192)  # bounded: a warm Lambda sees many word sets, each small
def _plan(words: frozenset[str] | None, prefix_hit: bool, printable: bool) -> tuple[_Step, ...]:
    """The rules a message's needed words allow (every rule when None), compiled, with their literals
    (kept only for printable text: they read `\\s` as the one space normalised text has)."""
    positions = range(len(rules())) if words is None else _allowed(words, prefix_hit)
    every, index = rules(), _index()
    plan = []
    for position in positions:
        regex = pattern(position)  # fills index.literals[position] too
        literals = index.literals[position] if printable else None
        if literals is not None and words is not None:
            literals = tuple(literal for literal in literals if _may_hold(literal, words, index.needed))
            if not literals:
                continue  # every string a match must hold names a word the message lacks
        plan.append((every[position], regex, literals))
    return tuple(plan)


def _may_hold(literal: str, words: frozenset[str], needed: frozenset[str]) -> bool:
    """Whether printable text whose needed words are `words` can hold `literal`: a word with a space
    on both sides in it is a whole word of the text (the first and last may be parts of words)."""
    return all(word in words or word not in needed for word in literal.split(" ")[1:-1])


def _allowed(words: frozenset[str], prefix_hit: bool) -> tuple[int, ...]:
    """The rules a message allows, from its needed words alone (so the answer can be kept)."""
    index = _index()
    met = reduce(or_, map(index.masks.__getitem__, words), 0)
    allowed = (met + index.ones) & index.carries  # the carry bits of the rules whose every group is met
    found, rule_at = [], index.rule_at
    while allowed:  # lowest bit first: rules in order
        lowest = allowed & -allowed
        found.append(rule_at[lowest.bit_length() - 1])
        allowed ^= lowest
    if prefix_hit:
        return tuple(sorted(set(index.prefixed).union(found)))
    return tuple(found)


def _first_match(entry: IntentRule, compiled: re.Pattern[str], clause_text: str) -> IntentMatch | None:
    for found in compiled.finditer(clause_text):
        if entry.negatable or entry.unless is not None:
            clause_start = clause_text.rfind(",", 0, found.start()) + 1
            prefix = clause_text[clause_start : found.start()]
            if entry.negatable and negated(prefix.split()):
                continue
            if entry.unless is not None and entry.unless.search(prefix.lstrip()):
                continue
        if entry.action is Action.OPT_OUT and _undone(found.group(0), clause_text, found.end()):
            continue
        text = " ".join(found.group(0).replace(",", " ").split())
        return IntentMatch(entry, text, found.start(), found.end())
    return None


# What follows a match and undoes it: "I don't want the texts to stop", "5 texts a day is fine", "I told
# you to stop worrying" (a stop with another -ing verb is about that).
_AFTER_NEGATED = re.compile(r"\s(?:to\s)?(?:stop|end|go away|be over|stopping|ending)\b")
_AFTER_ANY = re.compile(
    r"\s(?:is|are|would be|will be|seems|sounds|works)\s(?:totally\s|perfectly\s)?(?:fine|ok|okay|good|great|perfect)\b"
)
_AFTER_STOP = re.compile(
    r"\s(?!texting|txting|messaging|sending|contacting|calling|spamming|emailing|bothering|bugging|harassing|pestering"
    r"|hitting|blowing|ringing|hassling|getting|receiving|seeing)[a-z]+ing\b"
)
_NEGATION_WORDS = frozenset(("dont", "not", "never", "no", "didnt", "doesnt"))


def _undone(matched: str, clause_text: str, end: int) -> bool:
    """Whether the words right after an opt-out match take it back (read only on a match: rare)."""
    if _AFTER_ANY.match(clause_text, end):
        return True
    last = matched.rsplit(" ", 1)[-1]
    if last in ("stop", "quit") and _AFTER_STOP.match(clause_text, end):
        return True
    return not _NEGATION_WORDS.isdisjoint(matched.split()) and bool(_AFTER_NEGATED.match(clause_text, end))


def find_intent(original: str, clause_text: str, tokens: list[str], *, gated: bool = True) -> IntentMatch | None:
    """The first natural-language opt-out in the message (else opt-in, else help), or None.

    `gated=False` tries every pattern regardless of `needs` (a test uses it to show the word
    tests never change a result).
    """
    plan = _search_plan(clause_text, tokens, gated)
    if not plan:
        return None  # most messages: no rule to try
    best: IntentMatch | None = None
    contains = clause_text.__contains__  # bound once, not once per rule
    for entry, regex, needed in plan:
        if best is not None and entry.action is not _OPT_OUT:
            break  # rules are ordered opt-out, opt-in, help: keep the opt-in or help found
        if needed is not None and not any(map(contains, needed)):
            continue  # no string that every match holds is there: no search at all
        if regex.search(clause_text) is None:
            continue  # the common case, answered by one C-level search
        found = _first_match(entry, regex, clause_text)
        if found is None:
            continue
        if is_broadcast(original, clause_text):
            return None
        if entry.action is _OPT_OUT:
            return found
        best = best or found
    return best
