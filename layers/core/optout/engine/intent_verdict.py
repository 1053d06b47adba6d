"""The decision on a natural-language match (an intent rule, a CJK phrase or cue words): aimed at
another channel, kept from being automatic by an exclusion, or too unsure to act on alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from optout.engine.decision import Action, Decision, EngineSettings, Rule
from optout.engine.scope import ANOTHER_SERVICE, CALLS, device_spam, only_elsewhere, other_channel, texts_wanted
from optout.engine.texts_kept import texts_kept

LOW_CONFIDENCE = 0.7  # an opt-out signal below this goes to a person
OTHER_CHANNEL_CONFIDENCE = 0.5  # "stop the emails": maybe not about texts at all
NOUN = {Action.OPT_OUT: "opt-out", Action.OPT_IN: "opt-in", Action.HELP: "help"}


@dataclass(frozen=True, slots=True)
class Found:
    """A natural-language match, from an intent rule, a CJK phrase or cue words."""

    name: str
    language: str
    action: Action
    confidence: float
    text: str
    start: int
    stop: int
    family: str = "request"


def intent_decision(
    found: Found, clause_text: str, normalized: str, exclusion: str | None, settings: EngineSettings
) -> Decision | None:
    """The decision on the match, or None when it decides nothing (an opt-in that needs more)."""
    if found.action is not Action.OPT_OUT:
        other = other_channel(clause_text, found.start, found.stop) if found.stop else None
        if found.action is Action.OPT_IN and (exclusion or other not in (None, CALLS)):
            return None  # re-subscribing needs a short, plain request about the texts
        detail = f"natural-language {NOUN[found.action]}: {found.name}"
        return Decision(
            found.action, Rule.INTENT, found.text, None, found.language, normalized, detail, found.confidence
        )
    confidence, detail = found.confidence, f"natural-language opt-out: {found.name}"
    other = other_channel(clause_text, found.start, found.stop) if found.stop else None
    if other == ANOTHER_SERVICE or device_spam(clause_text):
        # Another company's service, or spam on the writer's phone in general: not these texts.
        detail = "excluded: opt-out of another service, not these texts"
        return Decision(Action.NONE, Rule.EXCLUSION, found.text, None, found.language, normalized, detail, confidence)
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
    exclusion: str, settings: EngineSettings, found: Found, normalized: str, confidence: float
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
