"""classify(): keyword gate, then natural-language intent, then typo, with Text-Em-All's exclusions.

Every decision says which rule decided, the matched words, a one-line reason (detail), a
confidence and the message's language. An opt-out signal below LOW_CONFIDENCE, or one an
exclusion keeps from being automatic, goes to a person (Action.REVIEW) with review_reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from optout.engine.decision import DEFAULT_SETTINGS, Action, Decision, EngineSettings, Rule
from optout.engine.detect import detect_latin, foreign_enough, ranked, script_language
from optout.engine.intent import find_intent
from optout.engine.intent_guards import is_broadcast, is_instruction, is_unspaced_broadcast
from optout.engine.keyword_gate import KeywordMatch, match_keywords, match_unspaced
from optout.engine.keywords import (
    FILLER,
    MAX_KEYWORD_MESSAGE_WORDS,
    REFUSALS,
    KeywordTable,
    default_table,
    squeeze,
    table_for,
)
from optout.engine.languages import LANGUAGES, UNSUPPORTED
from optout.engine.names import NAME_CONFIDENCE, wrong_name
from optout.engine.normalization import clauses
from optout.engine.phrases import PHRASE_CONFIDENCE, find_unspaced
from optout.engine.scope import CALLS, only_elsewhere, other_channel, texts_wanted
from optout.engine.spelling import find_respelt
from optout.engine.texts_kept import texts_kept
from optout.engine.transactions import MISTAKE_WORDS, reported_mistake
from optout.engine.typos import find_typo

# Text-Em-All: intent (not keyword) opt-outs skip messages longer than this (original text).
MAX_INTENT_LENGTH = 200
LOW_CONFIDENCE = 0.7  # an opt-out signal below this goes to a person
OTHER_CHANNEL_CONFIDENCE = 0.5  # "stop the emails": maybe not about texts at all

_NOUN = {Action.OPT_OUT: "opt-out", Action.OPT_IN: "opt-in", Action.HELP: "help"}
_TYPO_ACTION = {"opt_out": Action.OPT_OUT, "confirm": Action.CONFIRM, "ignore": Action.NONE}
_TYPO_NOTE = {
    "opt_out": "",
    "confirm": ": ask to confirm",
    "ignore": ": ignored (typo_mode ignore)",
}
_UNSPACED = frozenset(code for code, spec in LANGUAGES.items() if spec.unspaced)
_SCRIPTS = frozenset({"ru", "ar", "hi"})  # told apart by their script alone
_DOUBLE = re.compile(r"(.)\1", re.DOTALL)  # two of one character side by side


@dataclass(frozen=True, slots=True)
class _Found:
    """A natural-language match, from an intent rule or a CJK phrase."""

    name: str
    language: str
    action: Action
    confidence: float
    text: str
    start: int
    stop: int
    family: str = "request"


def classify(
    text: str,
    settings: EngineSettings = DEFAULT_SETTINGS,
    *,
    unstopped_within_six_months: bool = False,
) -> Decision:
    """Decide what an inbound SMS asks for. Precedence: keyword > intent > typo.

    `unstopped_within_six_months`: the contact replied UNSTOP/START in the last six months, so
    only keywords may opt it out again (Text-Em-All's third exclusion).
    """
    clause_text = clauses(text)
    tokens = clause_text.replace(",", " ").split() if "," in clause_text else clause_text.split()
    normalized = " ".join(tokens)  # plain(clause_text), from the words already split
    if not tokens:
        return Decision(Action.NONE, Rule.NONE, None, None, None, normalized, None)
    table = _table(settings)
    script = None if text.isascii() else script_language(text)
    # Keywords and typos only ever match short messages: squeeze those alone.
    short = len(tokens) <= MAX_KEYWORD_MESSAGE_WORDS
    squeezed = _squeezed(tokens, normalized, table) if short else []
    found = match_keywords(tokens, squeezed, table) if squeezed else None
    if found is not None:
        return _keyword_decision(found, tokens, normalized)
    if script in _UNSPACED and len(normalized) <= 40:
        keyword = match_unspaced(normalized)
        if keyword is not None:
            detail = f"{_NOUN[keyword.action]} keyword {keyword.canonical}"
            return Decision(
                keyword.action, Rule.KEYWORD, normalized, keyword.canonical, keyword.language,
                normalized, detail,
            )  # fmt: skip

    if normalized[0].isdigit() and normalized.replace(" ", "").isdigit():
        # Text-Em-All: digit-only replies (codes, survey answers) are never read as opt-outs.
        return Decision(Action.NONE, Rule.EXCLUSION, None, None, None, normalized, "excluded: digits only")
    exclusion = _exclusion(text, unstopped_within_six_months)
    if settings.intent_enabled:
        intent = _find(text, clause_text, tokens, script)
        if intent is not None and not _about_a_transaction(intent, normalized, tokens):
            decision = _intent_decision(intent, clause_text, normalized, exclusion, settings)
            if decision is not None:
                return decision

    typo = _typo_decision(tokens, squeezed, normalized, exclusion, settings) if squeezed else None
    if typo is not None:
        return typo
    language = script or detect_latin(text, tokens)  # the script was looked at above
    if settings.intent_enabled and language != "en":
        cue = _cue(text, clause_text, normalized, tokens, language)
        if cue is not None and not _about_a_transaction(cue, normalized, tokens):
            decision = _intent_decision(cue, clause_text, normalized, exclusion, settings)
            if decision is not None:
                return decision
    if settings.intent_enabled and not exclusion and not MISTAKE_WORDS.isdisjoint(tokens):
        asked_back = _asked_back(normalized, language)
        if asked_back is not None:
            return asked_back
    return _no_rule(tokens, squeezed, normalized, language)


def _asked_back(normalized: str, language: str | None) -> Decision | None:
    """An opt-out the writer calls a mistake while asking back is an opt-in ("me di de baja por error...")."""
    if not reported_mistake(normalized):
        return None
    detail = "natural-language opt-in: an opt-out made by mistake, asked back"
    return Decision(Action.OPT_IN, Rule.INTENT, normalized, None, language, normalized, detail, 0.8)


def _typo_decision(
    tokens: list[str],
    squeezed: list[str],
    normalized: str,
    exclusion: str | None,
    settings: EngineSettings,
) -> Decision | None:
    core = _strip_filler(tokens, squeezed) if squeezed else ([], [])
    typo = find_typo(*core)
    if typo is None:
        return None
    typed = " ".join(core[0])
    description = _typo_description(typo.keyword, typo.kind)
    if exclusion:
        return Decision(
            Action.NONE, Rule.EXCLUSION, typed, typo.keyword, typo.language, normalized,
            f"excluded: {exclusion} ({description})",
        )  # fmt: skip
    return Decision(
        _TYPO_ACTION[settings.typo_mode], Rule.TYPO, typed, typo.keyword, typo.language,
        normalized, description + _TYPO_NOTE[settings.typo_mode],
    )  # fmt: skip


def _cue(text: str, clause_text: str, normalized: str, tokens: list[str], language: str | None) -> _Found | None:
    """The fallback reader for other languages (cues.py), unless the message is a broadcast."""
    # Imported here: only messages that may be in other languages get this far, and its tables
    # would add to every cold start.
    from optout.engine.cues import CUE_CONFIDENCE, read_cues, stem_languages

    stems = stem_languages(tokens)  # a foreign stop word detection missed ("disiscrivermi")
    if language is None and text.isascii() and len(tokens) > 1 and not stems:
        return None
    cue = None
    tried = _cue_languages(text, tokens, language)
    for code in [*tried, *(code for code in stems if code not in tried)]:
        if text.isascii() and len(tokens) > 4 and code not in stems and not foreign_enough(tokens, code):
            continue  # one Singlish "la" or "na" makes no Spanish or Tagalog message
        cue = read_cues(code, normalized, tokens)
        if cue is not None:
            break
    if cue is None or is_broadcast(text, clause_text) or is_unspaced_broadcast(clause_text):
        return None
    if is_instruction(tokens, default_table().phrases, text):
        return None
    name = f"{cue.name} (cue words)"
    return _Found(name, cue.language, cue.action, CUE_CONFIDENCE, cue.text, 0, 0, "cues")


def _cue_languages(text: str, tokens: list[str], language: str | None) -> list[str | None]:
    """The detected language, then (Latin text) the next likeliest: short messages mislead."""
    if language is not None and (language in _UNSPACED or (not text.isascii() and language in _SCRIPTS)):
        return [language]
    others = [code for code in ranked(tokens) if code != language and code in LANGUAGES][:2]
    return [language, *others] if language is not None else [None, *others]


def _about_a_transaction(found: _Found, normalized: str, tokens: list[str]) -> bool:
    """An opt-out reported as a mistake, or in another language aimed at an order, a card or an
    appointment (transactions.py)."""
    if found.action is not Action.OPT_OUT or found.family == "threat":
        return False
    # Imported here, like the cue reader: most messages never get this far.
    from optout.engine.cues import message_stems
    from optout.engine.transactions import about_a_transaction, reported_mistake, retracted

    if reported_mistake(normalized) or retracted(normalized):
        return True
    if found.language == "en":
        return False
    return about_a_transaction(found.language, normalized, tokens, message_stems(found.language))


def _table(settings: EngineSettings) -> KeywordTable:
    if settings is DEFAULT_SETTINGS:
        return default_table()
    return table_for(settings.extra_opt_out_keywords, settings.extra_opt_in_keywords, settings.extra_help_keywords)


def _squeezed(tokens: list[str], normalized: str, table: KeywordTable) -> list[str]:
    """Squeezed words, or [] when neither a keyword nor a typo can match (saves a regex pass)."""
    if table.vocabulary.issuperset(tokens):
        return tokens  # every word known as it stands
    spelled = len(tokens[0]) * len(tokens[1 % len(tokens)]) * len(tokens[-1]) < 8  # "s t o p p l s"
    if len(tokens) <= 4 or spelled:
        return squeeze(normalized).split()
    # Squeezing helps only when every unknown word has a doubled letter: stop at the first without.
    vocabulary, double = table.vocabulary, _DOUBLE.search
    for word in tokens:
        if word not in vocabulary and double(word) is None:
            return []
    return squeeze(normalized).split()


def _keyword_decision(found: KeywordMatch, tokens: list[str], normalized: str) -> Decision:
    keyword = found.keyword
    detail = f"{_NOUN[keyword.action]} keyword {keyword.canonical}"
    if found.spelled:
        detail, confidence = detail + " spelled out", 0.9
    elif found.reinforced:
        detail, confidence = detail + " with reinforcing words", 0.95
    else:
        with_filler = found.stop - found.start < len(tokens)
        detail, confidence = detail + (" with polite filler" if with_filler else ""), 1.0
    return Decision(
        keyword.action,
        Rule.KEYWORD,
        " ".join(tokens[found.start : found.stop]),
        keyword.canonical,
        keyword.language,
        normalized,
        detail,
        confidence,
    )


def _find(text: str, clause_text: str, tokens: list[str], script: str | None) -> _Found | None:
    if script in _UNSPACED:
        compact = clause_text.replace(" ", "").replace(",", "")
        phrase = find_unspaced(compact)
        if phrase is not None and not is_unspaced_broadcast(clause_text):
            name = f"{phrase.name} {_NOUN[phrase.action]} phrase"
            return _Found(name, phrase.language, phrase.action, PHRASE_CONFIDENCE, phrase.phrase, 0, 0)
    intent = find_intent(text, clause_text, tokens) or find_respelt(text, clause_text, tokens)
    if intent is None:
        named = wrong_name(text) if len(tokens) <= 12 else None
        if named is not None:
            return _Found("wrong person by name", "en", Action.OPT_OUT, NAME_CONFIDENCE, named, 0, 0)
        return None
    if is_instruction(tokens, default_table().phrases, text):
        return None
    rule = intent.rule
    return _Found(
        rule.name, rule.language, rule.action, rule.confidence, intent.text, intent.start, intent.stop, rule.family
    )


def _intent_decision(
    found: _Found, clause_text: str, normalized: str, exclusion: str | None, settings: EngineSettings
) -> Decision | None:
    if found.action is not Action.OPT_OUT:
        other = other_channel(clause_text, found.start, found.stop) if found.stop else None
        if found.action is Action.OPT_IN and (exclusion or other not in (None, CALLS)):
            return None  # re-subscribing needs a short, plain request about the texts
        detail = f"natural-language {_NOUN[found.action]}: {found.name}"
        return Decision(
            found.action, Rule.INTENT, found.text, None, found.language, normalized, detail, found.confidence
        )
    confidence, detail = found.confidence, f"natural-language opt-out: {found.name}"
    other = other_channel(clause_text, found.start, found.stop) if found.stop else None
    if other is not None:
        if texts_wanted(clause_text) or (found.family != "channel" and only_elsewhere(clause_text)):
            return Decision(
                Action.NONE,
                Rule.EXCLUSION,
                found.text,
                None,
                found.language,
                normalized,
                f"excluded: opt-out of {other}, texts wanted",
                confidence,
            )
        if (
            other != CALLS and found.family != "channel"
        ):  # a channel switch is the opt-out  # revoking calls revokes texts; email or a product may not
            confidence = min(confidence, OTHER_CHANNEL_CONFIDENCE)
            detail += f" (aimed at {other})"
    if texts_kept(clause_text):  # "cancel the newsletter, the texts are fine", any language
        detail = "excluded: opt-out of another channel, texts wanted"
        return Decision(Action.NONE, Rule.EXCLUSION, found.text, None, found.language, normalized, detail, confidence)
    if exclusion:
        return _excluded_intent(exclusion, settings, found, normalized, confidence)
    if confidence < LOW_CONFIDENCE:
        return Decision(
            Action.REVIEW,
            Rule.INTENT,
            found.text,
            None,
            found.language,
            normalized,
            detail,
            confidence,
            review_reason="low confidence",
        )
    return Decision(Action.OPT_OUT, Rule.INTENT, found.text, None, found.language, normalized, detail, confidence)


def _excluded_intent(
    exclusion: str, settings: EngineSettings, found: _Found, normalized: str, confidence: float
) -> Decision:
    """A clear request that an exclusion keeps from being automatic: by default a person decides."""
    long_message = exclusion.startswith("longer than")
    mode = settings.long_message_mode if long_message else "review"
    language, match = found.language, found.text
    if mode == "opt_out":
        detail = f"natural-language opt-out: {found.name} ({exclusion}; long_message_mode opt_out)"
        return Decision(Action.OPT_OUT, Rule.INTENT, match, None, language, normalized, detail, confidence)
    detail = f"excluded: {exclusion} (intent: {found.name})"
    if mode == "ignore":
        return Decision(Action.NONE, Rule.EXCLUSION, match, None, language, normalized, detail, confidence)
    return Decision(
        Action.REVIEW, Rule.EXCLUSION, match, None, language, normalized, detail, confidence, review_reason=exclusion
    )


def _no_rule(tokens: list[str], squeezed: list[str], normalized: str, language: str | None) -> Decision:
    if language in UNSUPPORTED:
        name = UNSUPPORTED[language]
        return Decision(
            Action.REVIEW,
            Rule.NONE,
            None,
            None,
            language,
            normalized,
            f"message in {name}: the engine has no rules for it",
            0.0,
            review_reason=f"no rules for {name} ({language})",
        )
    return Decision(Action.NONE, Rule.NONE, None, None, language, normalized, _near_miss(tokens, squeezed))


def _exclusion(text: str, unstopped_within_six_months: bool) -> str | None:
    if len(text) > MAX_INTENT_LENGTH:
        return f"longer than {MAX_INTENT_LENGTH} characters"
    if unstopped_within_six_months:
        return "opted back in within six months"
    return None


def _strip_filler(tokens: list[str], squeezed: list[str]) -> tuple[list[str], list[str]]:
    """Drop polite filler at either end ("stpo please"); keep all if nothing else is left."""
    start, stop = 0, len(tokens)
    while start < stop and (squeezed[start] in FILLER or squeezed[start] in REFUSALS):
        start += 1
    while stop > start and (squeezed[stop - 1] in FILLER or squeezed[stop - 1] in REFUSALS):
        stop -= 1
    if start == stop:
        return tokens, squeezed  # "stp" is both French filler ("s'il te plait") and a typo of STOP
    return tokens[start:stop], squeezed[start:stop]


def _typo_description(keyword: str, kind: str) -> str:
    """ "one-letter typo of STOP (letters swapped)", "split-word typo of UNSUBSCRIBE"."""
    if kind.startswith("split word"):
        edit = kind.removeprefix("split word").removeprefix(", ")
        return f"split-word typo of {keyword}" + (f" ({edit})" if edit else "")
    return f"one-letter typo of {keyword} ({kind})"


def _near_miss(tokens: list[str], squeezed: list[str]) -> str | None:
    """Explain the common near miss "STOP 12345": a keyword followed by other words."""
    first = default_table().phrases.get(squeezed[0] if squeezed else tokens[0])
    if first is not None and len(tokens) > 1:
        return f"{first.canonical} followed by other words: not a whole-message keyword"
    return None
