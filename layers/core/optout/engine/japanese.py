"""Japanese read by construction: the message cut into known pieces (languages/japanese_structure.py,
languages/japanese_registers.py).

Japanese has no spaces, so the phrase tables and cue words find substrings, and a substring says
nothing of what surrounds it: "送らないで" is the same in "もう送らないで" and "荷物は来週まで送らないで".
This reader cuts the whole message with one compiled alternation of every known piece (longest
first) and looks at what is left over:

- nothing left, with a stop predicate, an unneeded thing, an annoyance word, a threat naming an
  authority or another channel only: a request ("もうSMS来ないようにしてください", "総務省に報告します");
- a number whose owner changed ("持ち主が変わりました", "山田さんではないです", "今は娘が使ってます");
- nothing left and nothing asked: politeness alone ("お願いします", "それで結構です");
- a veto: the words report, narrate or name something else ("って言われた", "解除したら", "バス停");
- texts kept in a clause of their own ("メールは不要です、連絡はSMSでお願いします");
- the texts asked back: a mistake undone or a restart ("間違えて解除しました、また送って", "もう一度登録").

Katakana is folded to hiragana on both sides ("テイシ" reads "ていし"), bracketed kaomoji are
dropped and a count of messages ("五通") reads "何通". A veto or kept texts also drop what the phrase
tables and cue words found (classifier.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from optout.engine.japanese_pieces import compiled, fold, held_kinds, pieces
from optout.engine.languages import japanese_formal as formal
from optout.engine.languages import japanese_loanwords as loan
from optout.engine.languages import japanese_published as published
from optout.engine.languages import japanese_registers as registers
from optout.engine.languages import japanese_structure as tables
from optout.engine.normalization import clauses

_STOPS = frozenset({"stop", "sent", "needed", "consent"})
_ASKING = _STOPS | {"annoyed"}
_HOW_LONG = frozenset(registers.HOW_LONG)
_REFUSALS = loan.REFUSALS | formal.REFUSALS
_ONCE_MORE = frozenset({"もう一度", "もう一回", "再度"})
# Also a stop in te-form before another topic: "メールは止めてSMSは続けて" is two clauses.
_CONTRAST = r",|けど|けれど|ですが|ますが|しますが|(?:(?<=止めて)|(?<=やめて)|(?<=停止して))(?=[^,]{1,12}は)"
_NEGATED = r"ない|不要|いらな|要らな|やめ|止め|停止|拒否|結構|解除|ません|ストップ|stop|るな|んな"
# Brackets (half or full width) holding no kana but "・", no kanji and no two Latin letters together:
# a kaomoji ("(T_T)", "(^_^;)").
# Its arms may stand outside ("m(_ _)m").
_KAOMOJI = re.compile(
    r"[m\uff4d]?[(\uff08]([^()\uff08\uff09\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]{1,12})[)\uff09][m\uff4d]?"
)
_LATIN_RUN = re.compile(r"[A-Za-z0-9]{2}")
# A stretched ending ("でーす", "くださーい", "やめてぇ"): the mark after hiragana, before an ending or
# nothing ("めっせーじ" keeps its own), a small vowel after a request ("やめたいなぁ" muses); letters spelt one by one ("s.t.o.p"); a clock time ("2時に").
_STRETCH = r"(?<=[\u3041-\u3096])(?:[ー〜~]+(?=[すいよねなわぞ]|[^\u3041-\u3096\u30a1-\u30fa]|$)|(?<=[てでよね])[ぁぇぉー]*[ぁぇぉ]+(?=,|$))"
_SPELT = r"(?<![a-z])[a-z](?:,[a-z]){2,}(?![a-z])"
_CLOCK = r"[0-9一二三四五六七八九十]+時(?:半|頃|ごろ)?"


@dataclass(frozen=True, slots=True)
class Reading:
    # request, complaint, threat, owner (opt-outs); veto, kept, plain (not an opt-out of the texts);
    # asked_back (the texts asked for again, after a mistake or not: an opt-in); help (what the texts are)
    kind: str
    text: str  # the pieces or the words that decided

    @property
    def opts_out(self) -> bool:
        return self.kind in ("request", "complaint", "threat", "owner")


@cache
def _vetoes() -> re.Pattern[str]:
    vetoes = (*tables.VETOES, *registers.VETOES, *loan.VETOES, *formal.VETOES, *published.VETOES)
    return compiled("|".join(f"(?:{veto})" for veto in vetoes))


def _without_kaomoji(text: str) -> str:
    if "(" not in text and "\uff08" not in text:
        return text
    return _KAOMOJI.sub(lambda m: m.group(0) if _LATIN_RUN.search(m.group(1)) else " ", text)


def _without_emoji(text: str) -> str:
    return compiled(formal.EMOJI).sub(",", compiled(formal.NO_MARK).sub("不要", _without_kaomoji(text)))


def _unquoted(text: str) -> str:
    """Marketing text quoted back read as "これ" ("「セール開催中」←これもう要らない"); a quote of a stop word
    stays ("「ていし」"), but a ">" line is always the sender's."""
    if "「" not in text and not text.startswith(">"):
        return text
    quoted = compiled(formal.QUOTE)
    return quoted.sub(lambda m: "これ," if m.group(0)[0] == ">" or not _asks(fold(m.group(0))) else m.group(0), text)


def _asks(compact: str) -> bool:
    """Whether a stop predicate, consent or annoyance word is among the message's pieces."""
    return not _ASKING.isdisjoint(held_kinds(compact))


@lru_cache(maxsize=512)  # the classifier reads a message here, then again if a phrase or cue matched
def read_japanese(text: str) -> Reading | None:
    """What the Japanese message says about the texts, or None when the pieces do not tell."""
    reading = _reading(text)
    if (reading is not None and reading.opts_out) or " " not in text:
        return reading
    return _told_then_asked(text) or reading


def _told_then_asked(text: str) -> Reading | None:
    """An older writer's last line asking on its own after being told to ("…と言われました 止めて下さい")."""
    head, _, last = text.strip().rpartition(" ")
    if not head or compiled(formal.TOLD).search(head) is None:
        return None
    reading = _reading(last)
    return reading if reading is not None and reading.kind == "request" else None


def _reading(text: str) -> Reading | None:
    header = compiled(registers.HEADER).match(text)
    if header is not None and compiled(registers.WRITER_ASKS).search(text, header.end()) is None:
        return Reading("veto", header.group(0).strip())  # a notice under a broadcast's header
    plain = _tidied(compiled(registers.COUNT).sub("何通", clauses(_unquoted(_without_emoji(text))).replace(" ", "")))
    compact = fold(plain)
    reading = _read(compact)
    if reading is None or compact == plain:
        return reading
    # The words that decided, as the message writes them (folding keeps every character's place).
    words = (
        plain[at : at + len(word)] if (at := compact.find(word)) >= 0 else word for word in reading.text.split(" ")
    )
    return Reading(reading.kind, " ".join(words))


def _tidied(plain: str) -> str:
    """Stretched endings shortened, spelt letters joined, a clock time read "何時"."""
    plain = compiled(_STRETCH).sub("", plain)
    plain = compiled(formal.SLIP).sub(lambda slip: formal.SLIPS.get(slip.group(0), "停止"), plain)
    plain = compiled(formal.MEMBER).sub("", plain)
    if "," in plain:
        plain = compiled(_SPELT).sub(lambda found: found.group(0).replace(",", ""), plain)
    return compiled(_CLOCK).sub("何時", plain) if "時" in plain else plain


def _read(compact: str) -> Reading | None:
    still = compiled(loan.STILL_SENT).search(compact) or compiled(published.STILL_SENT).search(compact)
    if still is not None:
        return Reading("complaint", still.group(0))
    done = compiled(formal.DONE).search(compact) or compiled(published.TOLD).search(compact)
    if done is not None:
        return Reading("veto", done.group(0))  # a stop told as done, or the words talked about
    mistake = compiled(tables.MISTAKE).search(compact) or compiled(published.UNDONE).search(compact)
    if mistake is not None and compiled(tables.BACK).search(compact):
        return Reading("asked_back", mistake.group(0))
    vetoed: list[str] = []
    left: list[str] = []
    for part in compact.split(","):
        veto = _veto(part)
        if veto is None:
            left.append(part)
        else:
            vetoed.append(veto)
    # A veto holds when no other clause asks anything: "笑いが止まらない" alone, not "…, もうやめて".
    if vetoed and not any(_asks(part) for part in left):
        return Reading("veto", " ".join(vetoed))
    handed = _handed(compact)
    if handed is not None:
        return Reading("veto", handed)
    kept = _texts_kept(compact)
    if kept is not None:
        return Reading("kept", kept)
    rest = ",".join(left)
    whole = _whole(rest) or _after_reason(rest)
    if whole is not None and whole.kind != "plain":
        return whole
    return _owner(rest) or _help(rest) or whole  # "知らない人です": known pieces, yet an owner


def _after_reason(compact: str) -> Reading | None:
    """A request naming the texts or their sending after a clause of reasons ("運転中に危ないので止めて"
    names neither; "忙しいのでテキスト止めて" does)."""
    reason = compiled(loan.REASON).search(compact)
    if reason is None or reason.end() == len(compact):
        return None
    request = compact[reason.end() :].lstrip(",")
    reading = _whole(request)
    if reading is None or reading.kind != "request" or held_kinds(request).isdisjoint(("messages", "sent")):
        return None
    return Reading("request", f"{reason.group(0)} {reading.text}")


def _veto(part: str) -> str | None:
    """The words of one clause that report, narrate or name something else, if any."""
    if any(compiled(pattern).search(part) for pattern in (tables.UNVETOED, loan.UNVETOED, loan.INSISTED)):
        return None
    veto = _vetoes().search(part)
    if veto is not None:
        return veto.group(0)
    subject = compiled(registers.ANNOYED_SUBJECT).search(part)
    senders = compiled("|".join(registers.SENDERS))
    if subject is not None and senders.search(subject.group(1)) is None and not subject.group(1).endswith("の"):
        return subject.group(0)  # "犬がしつこく吠えて": someone else's annoyance
    return None


def _handed(compact: str) -> str | None:
    """An item the writer delivers another way, with the messages never named ("手渡しするから")."""
    handed = compiled(registers.HANDED).search(compact)
    if handed is None or compiled("|".join(tables.MESSAGES)).search(compact):
        return None
    return handed.group(0)


def _whole(compact: str) -> Reading | None:
    """A message made only of known pieces, read by the kinds of piece it holds."""
    pattern, kinds = pieces()
    found = pattern.findall(compact)
    if not found or pattern.sub("", compact).strip(tables.PARTICLES + ","):
        return None  # another word gives the predicate its own object ("車止めて")
    held = {kinds[piece] for piece in found}
    words = " ".join(found)
    if "switch" in held and not _STOPS.isdisjoint(held):
        return None  # "メールだけ止めて": another channel stopped, nothing said of the texts
    if _requests(held, found):
        return Reading("request", words)
    if _threatens(held, found):
        return Reading("threat", words)
    if _asked_again(held, found):
        return Reading("asked_back", words)
    if "thanks" not in held and _complains(held, found):
        return Reading("complaint", words)
    return Reading("plain", words)  # politeness alone asks nothing ("お願いします", "結構です")


def _requests(held: set[str], found: list[str]) -> bool:
    """A stop predicate, "fine" with the messages, consent never given, or another channel only asked for."""
    stops = held & _STOPS
    if stops and _asks_nothing(held, stops, found):
        return False
    if not _STOPS.isdisjoint(held):
        return True
    if "switch" in held and any(mark in piece for piece in found for mark in registers.ASKED):
        return True
    if "weak" in held and ("messages" in held or "もう" in found):
        return True
    return "never" in held and ("agreed" in held or "登録" in found)


def _asks_nothing(held: set[str], stops: set[str], found: list[str]) -> bool:
    """A stop word that asks for nothing: a bare refusal ("要らない": "no thanks"), the writer's own act
    told ("停止するよ"), a bare cancel wished or asked about ("キャンセルしたい": as "I want to cancel")."""
    kinds = pieces()[1]
    bare = "messages" not in held and loan.ONGOING.isdisjoint(found)
    if stops == {"needed"} and bare:
        return _REFUSALS.issuperset(piece for piece in found if kinds[piece] == "needed")
    if stops != {"stop"}:
        return False
    if "will" in held and held.isdisjoint(("spam_report", "report", "reported")):
        return True
    said = [piece for piece in found if kinds[piece] == "stop"]
    if bare and formal.DECLINE.issuperset(said):
        return True  # "辞退します": declining, as "no thanks"
    return "messages" not in held and not loan.WISH_OR_ABILITY.isdisjoint(found) and loan.CANCEL.issuperset(said)


def _threatens(held: set[str], found: list[str]) -> bool:
    """The writer will report the sender: to an authority, or in a word that is a threat alone."""
    if "legal" in held and "taking" in held:
        return True  # "法的措置を取ります"
    if "reported" in held:
        return True  # "通報済みです", "キャリアに報告済み"
    if registers.WILL.isdisjoint(found) and loan.WILL.isdisjoint(found):
        return False  # "警察に相談して": advice, not the writer's own act
    if "spam_report" in held:
        return True  # "スパム報告します", "リポートするよ"
    reported = "report" in held or "連絡" in found
    return reported and (
        "authority" in held or not {fold(word) for word in registers.REPORTING_ALONE}.isdisjoint(found)
    )


def _asked_again(held: set[str], found: list[str]) -> bool:
    """A restart ("もう一度登録", "start"), or "again" / "after all" with the messages wanted
    (without the messages, "もう一度送ってもらえますか" asks for an item sent again)."""
    if "resume" in held or ("again" in held and "send" in held and _ONCE_MORE.isdisjoint(found)):
        return True  # "また送って", "やっぱり送って"; not "もう一度送って" (an item once more)
    wished = not registers.WISHES.isdisjoint(found) or not loan.WISHES.isdisjoint(found)
    return "again" in held and "messages" in held and wished


def _complains(held: set[str], found: list[str]) -> bool:
    """Annoyance, or the messages or their sending with why, how long or how often."""
    if "annoyed" in held:
        return True
    sent = "messages" in held or "sending" in held
    arriving = "sending" in held or "来る" in found or "来て" in found
    came = sent or arriving
    if sent and not held.isdisjoint(("often", "why")):
        return arriving or _HOW_LONG.isdisjoint(found)  # not "クーポンいつまで?": how long an offer lasts
    return ("untold" in held and came) or ("uneasy" in held and (came or not held.isdisjoint(("often", "why"))))


def _owner(compact: str) -> Reading | None:
    """The number's owner changed, the number is no longer the writer's, or the name is not theirs."""
    owned = ((tables.OWNERS, (*tables.CHANGED, *tables.NUMBER_CHANGED)), (tables.NUMBERS, tables.NUMBER_CHANGED))
    for owners, changes in owned:
        owner = compiled("|".join(owners)).search(compact)
        if owner is not None:
            change = compiled("|".join(changes)).search(compact, owner.end())
            if change is not None:
                return Reading("owner", f"{owner.group(0)} {change.group(0)}")
    patterns = (
        registers.NOBODY,
        registers.NUMBER_NOW,
        registers.PHONE_NOT_THEIRS,
        registers.DECEASED,
        loan.OWNER,
        loan.UNVETOED,
    )
    for pattern in (*patterns, registers.SECOND_HAND, registers.KIN_PHONE, published.OWNER):
        found = compiled(pattern).search(compact)
        if found is not None:
            return Reading("owner", found.group(0))
    named = next(filter(None, map(compiled(registers.NOT_THE_NAME).search, compact.split(","))), None)
    return None if named is None else Reading("owner", named.group(0))


def _help(compact: str) -> Reading | None:
    """What the texts are, or who sends them, asked with no stop word anywhere."""
    asked = compiled(f"{tables.HELP}|{registers.HELP}|{loan.HELP}|{formal.HELP}").search(compact)
    return None if asked is None or _asks(compact) else Reading("help", asked.group(0))


def _texts_kept(compact: str) -> str | None:
    """A clause of its own naming the texts with a keeping word and no negation, beside another."""
    parts = [part for part in compiled(_CONTRAST).split(compact) if part]
    if len(parts) < 2:
        return None
    texts = compiled("|".join((*tables.TEXTS, *loan.TEXTS)))
    keep = compiled("|".join((*tables.KEPT, *registers.KEPT, *loan.KEPT)))
    negated, unnegated = compiled(_NEGATED), compiled(registers.UNNEGATED)
    for part in parts:
        if texts.search(part) and keep.search(part) and not negated.search(unnegated.sub("", part)):
            return part
    return None
