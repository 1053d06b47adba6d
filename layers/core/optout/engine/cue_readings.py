"""The cue reader's reading tables (cues.py): which cue kinds and flags make which reading.

Each row names the kinds that must all be found (`every`), one of which must be (`some`) and none
of which may be (`none`); the first row that holds decides. Flags beside the kinds are set by
cues.py (message size, a negated stop word, "instead of" the texts) and cue_structures.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from optout.engine.decision import Action


@dataclass(frozen=True, slots=True)
class Reading:
    """One row of a reading table: the cue kinds (and flags, see cues._flags) that make the reading."""

    name: str
    every: frozenset[str]  # all of these
    some: frozenset[str]  # at least one of these (empty: no condition)
    none: frozenset[str]  # none of these
    action: Action | None  # None: a refusal of some kind, read as nothing


def reading(name: str, every: str, some: str = "", none: str = "", action: Action | None = Action.OPT_OUT) -> Reading:
    return Reading(name, frozenset(every.split()), frozenset(some.split()), frozenset(none.split()), action)


# Flags beside the cue kinds: "upto8", "upto6" (message size: words, or characters / 3 without
# spaces), "upto2spaced" (one or two words), "negated" (a negated stop word, _negated_stop),
# "stop_refused" (a Chinese stop word negated: "不要退订") and
# "instead_of_texts" (_instead_of_texts). The first row that holds decides (_first).
# Asked before any request: whom to talk to, with a verb of talking ("¿con quién hablo...?", "誰に相談").
ASKED = (
    reading("help request, whom to contact", "who speak", none="stop negation dont_stop", action=Action.HELP),
    # One thing asked for again ("ابعتلي الكود تاني", "gửi lại mã"): a resend, neither opt-in nor opt-out.
    reading("resend", "again item", none="pause", action=None),
)
REQUESTS = (
    reading("threat", "threat", some="stop negation messages want upto8"),
    reading("consent withdrawn", "consent", some="negation stop messages revoke"),
    reading("wrong number or person", "wrong", some="messages upto8"),
    reading("complaint", "annoyed", some="stop want messages negation upto6"),
    reading("channel switch", "channel messages negation"),
    # A stop word alone may stop anything ("cancel my order", "the bus stops"): it needs the
    # messages, or to be (almost) the whole message.
    reading("request to stop", "stop", some="messages upto2spaced", none="negated"),
    reading("request not to be sent messages", "negation messages want", none="stop_refused"),
    # cue_words_pause.py: pausing the messages; "that's enough" with the messages or a "no thanks".
    reading("request to pause the messages", "pause messages", none="negated dont_stop"),
    reading("refusal, that is enough", "enough messages", none="negated dont_stop"),
    reading("refusal, no thanks, that is enough", "enough refuse upto6", none="negated"),
    reading("refusal, that is enough, stop", "enough_stop upto6", none="negated dont_stop"),
    # The kinds of cue_words_kinds.py: a dismissal idiom; too many texts; "why" with how often
    # they come; a channel word with "without" or "instead of" the texts.
    reading("dismissal", "dismiss"),
    reading("complaint about too many texts", "excess messages"),
    reading("complaint, asking why the texts keep coming", "why often", some="messages want"),
    reading("channel switch", "channel messages", some="without instead_of_texts"),
    reading("channel switch, another channel preferred", "channel prefer", some="negation without", none="stop"),
    # "solo por correo", "tylko mailowo", "이메일로만": only next to a channel word (cue_structures.py).
    reading("channel switch, only another channel", "only_channel upto8", none="dont_stop i_send"),
)
# Read when no request is: a stop word, or a negation with the messages, is a refusal of some kind,
# never an opt-in or a help request.
OTHERS = (
    reading("refusal", "dont_stop", action=None),  # "nie przestawajcie ..., są pomocne": not help
    reading("refusal", "stop", action=None),
    reading("refusal", "negation messages", none="not_understood", action=None),
    reading("complaint, the texts again and again", "again often messages", none="want"),
    reading("request to resume", "again", some="want messages", action=Action.OPT_IN),
    reading("help request", "help", action=Action.HELP),
)


def first(table: tuple[Reading, ...], flags: set[str]) -> Reading | None:
    """The first row that holds: every kind of `every`, one of `some` (if any), none of `none`."""
    for row in table:
        if row.every <= flags and (not row.some or not row.some.isdisjoint(flags)) and row.none.isdisjoint(flags):
            return row
    return None
