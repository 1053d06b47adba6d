"""Value types of the opt-out engine: settings in, decision out. Standard library only."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

TYPO_MODES = ("opt_out", "confirm", "ignore")
LONG_MESSAGE_MODES = ("review", "ignore", "opt_out")


class Action(StrEnum):
    """What the caller should do with the message."""

    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"
    CONFIRM = "confirm"  # probable opt-out (typo): ask the contact before acting
    REVIEW = "review"  # a person decides: the status stays, the message waits in the review queue
    NONE = "none"


class Rule(StrEnum):
    """Which rule decided."""

    KEYWORD = "keyword"
    INTENT = "intent"
    TYPO = "typo"
    EXCLUSION = "exclusion"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Per-workspace switches. Frozen and hashable, so the tables built from it can be cached."""

    intent_enabled: bool = True  # natural-language opt-outs on by default
    typo_mode: str = "confirm"  # "opt_out" | "confirm" | "ignore"
    extra_opt_out_keywords: tuple[str, ...] = ()  # workspace's own keywords
    extra_opt_in_keywords: tuple[str, ...] = ()
    extra_help_keywords: tuple[str, ...] = ()
    # A clear request in a message over 200 characters: a person reviews it, or it is ignored,
    # or (the workspace's own choice) it opts out.
    long_message_mode: str = "review"

    def __post_init__(self) -> None:
        if self.typo_mode not in TYPO_MODES:
            raise ValueError(f"typo_mode must be one of {', '.join(TYPO_MODES)}, not {self.typo_mode!r}")
        if self.long_message_mode not in LONG_MESSAGE_MODES:
            raise ValueError(
                f"long_message_mode must be one of {', '.join(LONG_MESSAGE_MODES)}, not {self.long_message_mode!r}"
            )
        # Accept lists from callers (JSON settings) but store tuples so the settings stay hashable.
        for name in ("extra_opt_out_keywords", "extra_opt_in_keywords", "extra_help_keywords"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"{name} must be a sequence of keywords, not a string")
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))


DEFAULT_SETTINGS = EngineSettings()


@dataclass(frozen=True, slots=True)
class Decision:
    """The engine's verdict on one inbound message."""

    action: Action
    rule: Rule
    match: str | None  # matched text as it appears in `normalized`
    keyword: str | None  # canonical keyword when one applies ("STOP" for "stpo"), else None
    language: str | None  # "en" | "es" | "fr" when known
    normalized: str  # the normalised message
    detail: str | None  # short human explanation
    confidence: float = 1.0  # 0..1: how sure the rule that decided is
    review_reason: str | None = None  # why a person must decide (action REVIEW only)

    def to_dict(self) -> dict[str, str | float | None]:
        """JSON-ready form; enums become their string values."""
        return {
            "action": self.action.value,
            "rule": self.rule.value,
            "match": self.match,
            "keyword": self.keyword,
            "language": self.language,
            "normalized": self.normalized,
            "detail": self.detail,
            "confidence": self.confidence,
            "review_reason": self.review_reason,
        }


class _Draft:
    """A Decision's slots without its frozen __setattr__: the fields are set as on any slotted
    object (several times cheaper than a frozen dataclass's __init__), then it becomes a Decision
    (same layout, so the class may be swapped)."""

    __slots__ = Decision.__slots__
    action: Action
    rule: Rule
    match: str | None
    keyword: str | None
    language: str | None
    normalized: str
    detail: str | None
    confidence: float
    review_reason: str | None


_NO_ACTION, _NO_RULE = Action.NONE, Rule.NONE  # bound once: an enum member looked up on its class costs a call


def no_action(language: str | None, normalized: str, detail: str | None) -> Decision:
    """Decision(Action.NONE, Rule.NONE, None, None, language, normalized, detail), built faster
    (most messages ask for nothing)."""
    draft = _Draft()
    draft.action = _NO_ACTION
    draft.rule = _NO_RULE
    draft.match = None
    draft.keyword = None
    draft.language = language
    draft.normalized = normalized
    draft.detail = detail
    draft.confidence = 1.0
    draft.review_reason = None
    draft.__class__ = Decision  # type: ignore[assignment]
    return draft  # type: ignore[return-value]


_REASONS = {Rule.KEYWORD: "keyword", Rule.INTENT: "intent", Rule.TYPO: "fuzzy"}


def reason_for(decision: Decision) -> str | None:
    """Consent-event reason (optout.models.Reason value) for a decision, or None.

    None when the decision does not act (action NONE: no match, exclusion, ignored typo) or waits
    for a person (action REVIEW).
    """
    if decision.action in (Action.NONE, Action.REVIEW):
        return None
    return _REASONS.get(decision.rule)
