"""Language phrase tables (languages/) turned into intent rules.

Spaced languages become one IntentRule per language and action, gated like the English rules by
the words a phrase starts with. Chinese, Japanese and Korean phrases are substrings, looked for in
the message with its spaces removed; a negation right before one ("不要退订") cancels it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from optout.engine.decision import Action
from optout.engine.intent_pieces import IntentRule
from optout.engine.languages import LANGUAGES
from optout.engine.normalization import clauses, plain

PHRASE_CONFIDENCE = 0.9
_GAP = r"\s(?:[^\s,]+\s)?"  # one extra word may stand between two words of a phrase
_CJK_NEGATIONS = ("不", "别", "別", "没", "沒", "안", "못")
# A negation with its modal ("不要退订" don't unsubscribe, "我不想退订", "不用取消订阅", "没有退订"):
# before a phrase that is itself a stop, it cancels the stop as one character would. Not before a
# phrase of what is sent or done ("不要再发", "不要骚扰" are the requests themselves).
_CJK_NEGATED_MODALS = ("不要", "不想", "不用", "不必", "不需要", "不会", "不會", "没有", "沒有", "无需", "無需")


def fold_words(text: str) -> str:
    return plain(clauses(text))


def _slot(word: str) -> str:
    alternatives = []
    for alternative in word.split("/"):
        stem = alternative.endswith("*")
        folded = fold_words(alternative.rstrip("*"))
        if folded:
            alternatives.append(re.escape(folded).replace(r"\ ", r"\s") + (r"\S*" if stem else ""))
    return "(?:" + "|".join(alternatives) + ")"


# Words too common (in English SMS or across languages) to gate a phrase on.
_COMMON = frozenset(
    [
        "to",
        "me",
        "not",
        "no",
        "can",
        "get",
        "do",
        "be",
        "will",
        "how",
        "dont",
        "go",
        "what",
        "like",
        "come",
        "only",
        "want",
        "need",
        "back",
        "take",
        "been",
        "msg",
        "message",
        "where",
        "more",
        "make",
        "way",
        "who",
        "why",
        "i",
        "you",
        "the",
        "a",
        "my",
        "is",
        "it",
        "in",
        "on",
        "at",
        "for",
        "of",
        "and",
        "or",
        "so",
        "but",
        "if",
        "your",
        "this",
        "that",
        "we",
        "he",
        "she",
        "they",
        "them",
        "us",
        "an",
        "as",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "am",
        "mi",
        "de",
        "la",
        "el",
        "en",
        "que",
        "se",
        "sa",
        "na",
        "ko",
        "mo",
        "po",
        "m",
        "pa",
        "ou",
        "yo",
        "le",
        "les",
        "des",
        "ne",
        "mat",
        "number",
        "numero",
        "nie",
        "ya",
        "di",
        "il",
        "mio",
        "sono",
        "per",
        "ang",
        "ng",
        "da",
        "como",
        "para",
        "ya",
        "los",
        "je",
        "ce",
        "plus",
        "messages",
        "sms",
        "ich",
        "nicht",
        "keine",
        "non",
        "vi",
        "mnie",
        "bon",
        "mwen",
        "toi",
        "khong",
        "sai",
        "hindi",
        "mali",
        "tama",
        "karo",
        "не",
        "это",
        "ما",
        "عن",
        "dalla",
        "ho",
    ]
)


def _gate_words(phrase: str) -> set[str]:
    # The first word slot with no common and no stemmed alternative (else the first slot).
    slots = phrase.split()
    for slot in slots:
        alternatives = slot.split("/")
        if any(alt.endswith("*") for alt in alternatives):
            continue
        words = {fold_words(alt).split()[0] for alt in alternatives}
        if _COMMON.isdisjoint(words):
            return words
    return {fold_words(alt.rstrip("*")).split()[0] for alt in slots[0].split("/")}


def _source(phrases: tuple[str, ...]) -> str:
    bodies = (_GAP.join(_slot(word) for word in phrase.split()) for phrase in phrases)
    return r"(?<!\S)(?:" + "|".join(bodies) + r")(?!\S)"


def _language_rule(code: str, name: str, phrases: tuple[str, ...], action: Action) -> IntentRule:
    first = frozenset().union(*(_gate_words(phrase) for phrase in phrases))
    noun = {Action.OPT_OUT: "opt-out", Action.OPT_IN: "opt-in", Action.HELP: "help"}[action]
    return IntentRule(
        f"{name} {noun} phrase",
        code,
        _source(phrases),
        negatable=False,
        needs=(first,),
        prefixed=False,
        unless=None,
        confidence=PHRASE_CONFIDENCE,
        action=action,
        family=f"language {code}",
    )


def language_rules() -> tuple[IntentRule, ...]:
    """The phrase rules of every spaced language (patterns compile on first use)."""
    rules = []
    for language in LANGUAGES.values():
        if language.unspaced:
            continue
        for phrases, action in (
            (language.phrases, Action.OPT_OUT),
            (language.opt_in_phrases, Action.OPT_IN),
            (language.help_phrases, Action.HELP),
        ):
            if phrases:
                rules.append(_language_rule(language.code, language.name, phrases, action))
    return tuple(rules)


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    language: str
    name: str
    phrase: str
    action: Action


def negated_before(compact: str, start: int) -> bool:
    """Whether a negation, alone or with its modal, ends right before `start` ("不要|退订")."""
    return compact[start - 1] in _CJK_NEGATIONS or compact.endswith(_CJK_NEGATED_MODALS, 0, start)


@cache
def _stop_phrases() -> frozenset[str]:
    """The opt-out phrases that begin with one of their language's opt-out keywords ("退订",
    "取消订阅", "停止发送"): a stop, which a negation before it undoes."""
    found: set[str] = set()
    for language in LANGUAGES.values():
        if language.unspaced:
            keywords = tuple(fold_words(word).replace(" ", "") for word in language.opt_out)
            found.update(
                folded
                for folded in (fold_words(phrase).replace(" ", "") for phrase in language.phrases)
                if folded.startswith(keywords)
            )
    return frozenset(found)


@cache
def _unspaced() -> tuple[tuple[str, str, str, Action], ...]:
    table = []
    for language in LANGUAGES.values():
        if not language.unspaced:
            continue
        for phrases, action in (
            (language.phrases, Action.OPT_OUT),
            (language.opt_in_phrases, Action.OPT_IN),
            (language.help_phrases, Action.HELP),
        ):
            for phrase in phrases:
                table.append((fold_words(phrase).replace(" ", ""), language.code, language.name, action))
    table.sort(key=lambda row: -len(row[0]))  # longest first: "取消订阅" before "取消"
    return tuple(table)


def find_unspaced(compact: str) -> PhraseMatch | None:
    """The first Chinese, Japanese or Korean phrase in the spaceless message, opt-outs first."""
    best: PhraseMatch | None = None
    stops = _stop_phrases()
    for phrase, code, name, action in _unspaced():
        start = compact.find(phrase)
        while start > 0 and (compact[start - 1] in _CJK_NEGATIONS or (phrase in stops and negated_before(compact, start))):
            start = compact.find(phrase, start + 1)
        if start < 0:
            continue
        if action is Action.OPT_OUT:
            return PhraseMatch(code, name, phrase, action)
        if best is None:
            best = PhraseMatch(code, name, phrase, action)
    return best
