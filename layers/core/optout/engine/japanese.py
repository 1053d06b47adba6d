"""Japanese read by construction: the message cut into known pieces (languages/japanese_structure.py).

Japanese has no spaces, so the phrase tables and cue words find substrings, and a substring says
nothing of what surrounds it: "送らないで" is the same in "もう送らないで" and "荷物は来週まで送らないで".
This reader cuts the whole message with one compiled alternation of every known piece (longest
first) and looks at what is left over:

- nothing left, with a stop predicate, an unneeded thing or an annoyance word: a request
  ("もうSMS来ないようにしてください", "停止をお願いできますでしょうか", "しつこい");
- a number whose owner changed ("持ち主が変わりました", "この番号はもう使っていません");
- nothing left and nothing asked: politeness alone ("お願いします", "それで結構です");
- a veto: the words report, narrate or name something else ("って言われた", "解除したら", "バス停");
- texts kept in a clause of their own ("メールは不要です、連絡はSMSでお願いします");
- an opt-out made by mistake and asked back, an opt-in ("間違えて解除しました、また送って").

A veto or kept texts also drop what the phrase tables and cue words found (classifier.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from optout.engine.languages import japanese_structure as tables
from optout.engine.normalization import clauses

# Which table a piece comes from; the first table naming a piece wins ("配信停止" stops).
_TABLES = (
    ("stop", tables.STOP),
    ("sent", tables.NOT_SENT),
    ("needed", tables.NOT_NEEDED),
    ("weak", tables.WEAK_NOT_NEEDED),
    ("annoyed", tables.ANNOYED),
    ("consent", tables.CONSENT),
    ("often", tables.OFTEN),
    ("why", tables.WHY),
    ("messages", tables.MESSAGES),
    ("reinforcing", tables.REINFORCING),
    ("ending", tables.ENDINGS),
)
_STOPS = frozenset({"stop", "sent", "needed", "consent"})
_ASKING = _STOPS | {"annoyed"}
_CONTRAST = re.compile(r",|けど|けれど|ですが|ますが|しますが")
_NEGATED = re.compile(r"ない|不要|いらな|要らな|やめ|止め|停止|拒否|結構|解除|ません|ストップ|stop")


@dataclass(frozen=True, slots=True)
class Reading:
    # request, complaint, owner (opt-outs); veto, kept, plain (not an opt-out of the texts); asked_back
    # (an opt-out made by mistake, asked back: an opt-in); help (what the texts are, who sends them)
    kind: str
    text: str  # the pieces or the words that decided

    @property
    def opts_out(self) -> bool:
        return self.kind in ("request", "complaint", "owner")


@cache
def _pieces() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds: dict[str, str] = {}
    for kind, words in _TABLES:
        for word in words:
            kinds.setdefault(word.casefold(), kind)
    body = "|".join(re.escape(word) for word in sorted(kinds, key=len, reverse=True))
    return re.compile(body), kinds


@cache
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


@cache
def _vetoes() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{veto})" for veto in tables.VETOES))


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _asks(compact: str) -> bool:
    """Whether a stop predicate, consent or annoyance word is among the message's pieces."""
    pattern, kinds = _pieces()
    return any(kinds[piece] in _ASKING for piece in pattern.findall(compact))


@lru_cache(maxsize=512)  # the classifier reads a message here, then again if a phrase or cue matched
def read_japanese(text: str) -> Reading | None:
    """What the Japanese message says about the texts, or None when the pieces do not tell."""
    compact = clauses(text).replace(" ", "")
    mistake = _compiled(tables.MISTAKE).search(compact)
    if mistake is not None and _compiled(tables.BACK).search(compact):
        return Reading("asked_back", mistake.group(0))
    vetoed: list[str] = []
    left: list[str] = []
    for part in compact.split(","):
        veto = None if _compiled(tables.UNVETOED).search(part) else _vetoes().search(part)
        if veto is None:
            left.append(part)
        else:
            vetoed.append(veto.group(0))
    # A veto holds when no other clause asks anything: "笑いが止まらない" alone, not "…, もうやめて".
    if vetoed and not any(_asks(part) for part in left):
        return Reading("veto", " ".join(vetoed))
    kept = _texts_kept(compact)
    if kept is not None:
        return Reading("kept", kept)
    rest = ",".join(left)
    return _whole(rest) or _owner(rest) or _help(rest)


def _whole(compact: str) -> Reading | None:
    """A message made only of known pieces, read by the kinds of piece it holds."""
    pattern, kinds = _pieces()
    found = pattern.findall(compact)
    if not found or pattern.sub("", compact).strip(tables.PARTICLES + ","):
        return None  # another word gives the predicate its own object ("車止めて")
    held = {kinds[piece] for piece in found}
    words = " ".join(found)
    if not _STOPS.isdisjoint(held) or ("weak" in held and ("messages" in held or "もう" in found)):
        return Reading("request", words)
    if "annoyed" in held or ("messages" in held and not held.isdisjoint(("often", "why"))):
        return Reading("complaint", words)
    return Reading("plain", words)  # politeness alone asks nothing ("お願いします", "結構です")


def _owner(compact: str) -> Reading | None:
    """The number's owner changed, or the number is no longer the writer's."""
    owned = ((tables.OWNERS, (*tables.CHANGED, *tables.NUMBER_CHANGED)), (tables.NUMBERS, tables.NUMBER_CHANGED))
    for owners, changes in owned:
        owner = _alternation(owners).search(compact)
        if owner is not None:
            change = _alternation(changes).search(compact, owner.end())
            if change is not None:
                return Reading("owner", f"{owner.group(0)} {change.group(0)}")
    return None


def _help(compact: str) -> Reading | None:
    """What the texts are, or who sends them, asked with no stop word anywhere."""
    asked = _compiled(tables.HELP).search(compact)
    return None if asked is None or _asks(compact) else Reading("help", asked.group(0))


def _texts_kept(compact: str) -> str | None:
    """A clause of its own naming the texts with a keeping word and no negation, beside another."""
    parts = [part for part in _CONTRAST.split(compact) if part]
    if len(parts) < 2:
        return None
    texts, keep = _alternation(tables.TEXTS), _alternation(tables.KEPT)
    for part in parts:
        if texts.search(part) and keep.search(part) and not _NEGATED.search(part):
            return part
    return None
