"""Flags the cue reader (cues.py) reads beside its cue kinds, from how the cue words stand:

- only_channel: an "only" word next to a channel word ("solo por correo", "メールのみ",
  "이메일로만"), with no stop word but "only" itself (Vietnamese "thôi" is both) and no messages but
  the channel itself (Japanese "メール" is both): a channel switch said without a negation;
- dont_stop: "don't stop" as an imperative (counter_readings.py), which asks for more, never for
  help or an opt-out;
- not_understood: a help cue that holds the negation ("مش فاهم", "I don't understand"), so
  that its negation reads no refusal;
- again: Japanese "また" (again) with a wish ending and no negation ("またクーポン送ってほしい"); a
  bare "また" is no cue, since "また送ってきた" (they sent it again) is a complaint.
"""

from __future__ import annotations

import re

from optout.engine.counter_readings import asks_not_to_stop

_AGAIN_WISH = re.compile(r"また[^ないず]{0,14}(?:たい|ほしい|欲しい|てください|て下さい|ていただけ)")


def structure_flags(hits: dict[str, list[str]], text: str, unspaced: bool) -> set[str]:
    """The flags above that hold for the cue words found (`hits`, by kind) in `text`."""
    flags = set()
    if (
        hits["only"]
        and hits["channel"]
        and _only_channel(hits)
        and _next_to(text, hits["only"], hits["channel"], unspaced)
    ):
        flags.add("only_channel")
    if (hits["stop"] or hits["negation"]) and asks_not_to_stop(text):
        flags.add("dont_stop")
    if any(word in cue for cue in hits["help"] for word in hits["negation"]):
        flags.add("not_understood")
    if unspaced and not hits["negation"] and "また" in text and _AGAIN_WISH.search(text):
        flags.add("again")
    return flags


def _only_channel(hits: dict[str, list[str]]) -> bool:
    """ "cancela el correo, solo eso" and "solo SMS" are no switch to a channel."""
    return set(hits["stop"]) <= set(hits["only"]) and set(hits["messages"]) <= set(hits["channel"])


def _next_to(text: str, firsts: list[str], seconds: list[str], unspaced: bool) -> bool:
    """Whether a word of `firsts` stands within three words (four characters without spaces) of
    one of `seconds`: "solo por correo", "メールのみ", not "solo te mando un correo"."""
    if unspaced:
        at = [text.find(word) for word in firsts]
        return any(abs(text.find(word) - i) <= 4 + len(word) for word in seconds for i in at if i >= 0)
    tokens = text.split()
    starts_a = [i for i, token in enumerate(tokens) if token.startswith(tuple(w.split()[0] for w in firsts))]
    starts_b = [i for i, token in enumerate(tokens) if token.startswith(tuple(w.split()[0] for w in seconds))]
    return any(abs(a - b) <= 3 for a in starts_a for b in starts_b if a != b)
