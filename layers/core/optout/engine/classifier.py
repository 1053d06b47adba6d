"""classify(): keyword, then natural-language intent, then typo, with Text-Em-All's exclusions."""

from __future__ import annotations

from optout.engine.intent import IntentRule, find_intent
from optout.engine.keywords import (
    DEFAULT_TABLE,
    FILLER,
    MAX_KEYWORD_MESSAGE_WORDS,
    REFUSALS,
    Keyword,
    match_keywords,
    squeeze,
    table_for,
)
from optout.engine.models import DEFAULT_SETTINGS, Action, Decision, EngineSettings, Rule
from optout.engine.normalization import clauses, plain
from optout.engine.typos import find_typo

# Text-Em-All: intent (not keyword) opt-outs skip messages longer than this (original text).
MAX_INTENT_LENGTH = 200

_KEYWORD_NOUN = {Action.OPT_OUT: "opt-out", Action.OPT_IN: "opt-in", Action.HELP: "help"}
_TYPO_ACTION = {"opt_out": Action.OPT_OUT, "confirm": Action.CONFIRM, "ignore": Action.NONE}
_TYPO_NOTE = {
    "opt_out": "",
    "confirm": ": ask to confirm",
    "ignore": ": ignored (typo_mode ignore)",
}


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
    normalized = plain(clause_text)
    tokens = normalized.split()
    if not tokens:
        return Decision(Action.NONE, Rule.NONE, None, None, None, normalized, None)
    table = (
        DEFAULT_TABLE
        if settings is DEFAULT_SETTINGS
        else table_for(
            settings.extra_opt_out_keywords,
            settings.extra_opt_in_keywords,
            settings.extra_help_keywords,
        )
    )
    # Keywords and typos only ever match short messages: squeeze those alone.
    short = len(tokens) <= MAX_KEYWORD_MESSAGE_WORDS
    squeezed = squeeze(normalized).split() if short else []

    found = match_keywords(tokens, squeezed, table) if short else None
    if found is not None:
        keyword = found.keyword
        return Decision(
            keyword.action,
            Rule.KEYWORD,
            " ".join(tokens[found.start : found.stop]),
            keyword.canonical,
            keyword.language,
            normalized,
            _keyword_detail(keyword, found.stop - found.start < len(tokens)),
        )

    if normalized.replace(" ", "").isdigit():
        # Text-Em-All: digit-only replies (codes, survey answers) are never read as opt-outs.
        return Decision(
            Action.NONE, Rule.EXCLUSION, None, None, None, normalized, "excluded: digits only"
        )
    exclusion = _exclusion(text, unstopped_within_six_months)

    if settings.intent_enabled:
        intent = find_intent(text, clause_text, tokens)
        if intent is not None:
            if exclusion:
                return _excluded_intent(exclusion, settings, intent.text, intent.rule, normalized)
            return Decision(
                Action.OPT_OUT,
                Rule.INTENT,
                intent.text,
                None,
                intent.rule.language,
                normalized,
                f"natural-language opt-out: {intent.rule.name}",
            )

    core = _strip_filler(tokens, squeezed) if short else ([], [])
    typo = find_typo(*core)
    if typo is not None:
        typed = " ".join(core[0])
        description = _typo_description(typo.keyword, typo.kind)
        if exclusion:
            return Decision(
                Action.NONE,
                Rule.EXCLUSION,
                typed,
                typo.keyword,
                typo.language,
                normalized,
                f"excluded: {exclusion} ({description})",
            )
        return Decision(
            _TYPO_ACTION[settings.typo_mode],
            Rule.TYPO,
            typed,
            typo.keyword,
            typo.language,
            normalized,
            description + _TYPO_NOTE[settings.typo_mode],
        )

    return Decision(
        Action.NONE, Rule.NONE, None, None, None, normalized, _near_miss(tokens, squeezed)
    )


def _excluded_intent(exclusion: str, settings: EngineSettings, match: str, rule: IntentRule, normalized: str) -> Decision:
    """A clear request that an exclusion keeps from being automatic: by default a person decides."""
    long_message = exclusion.startswith("longer than")
    mode = settings.long_message_mode if long_message else "review"
    if mode == "opt_out":
        detail = f"natural-language opt-out: {rule.name} ({exclusion}; long_message_mode opt_out)"
        return Decision(Action.OPT_OUT, Rule.INTENT, match, None, rule.language, normalized, detail)
    detail = f"excluded: {exclusion} (intent: {rule.name})"
    if mode == "ignore":
        return Decision(Action.NONE, Rule.EXCLUSION, match, None, rule.language, normalized, detail)
    return Decision(
        Action.REVIEW, Rule.EXCLUSION, match, None, rule.language, normalized, detail, review_reason=exclusion
    )


def _keyword_detail(keyword: Keyword, with_filler: bool) -> str:
    detail = f"{_KEYWORD_NOUN[keyword.action]} keyword {keyword.canonical}"
    return detail + " with polite filler" if with_filler else detail


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
    first = DEFAULT_TABLE.phrases.get(squeezed[0] if squeezed else tokens[0])
    if first is not None and len(tokens) > 1:
        return f"{first.canonical} followed by other words: not a whole-message keyword"
    return None
