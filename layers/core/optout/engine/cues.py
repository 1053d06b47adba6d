"""Fallback reader for languages other than English: cue words instead of phrases.

Phrase tables (phrases.py) catch the common ways to ask; people write many others. When no rule
fired and the message is in one of the engine's other languages, cue words decide: a stop word
with the messages, a negation with the messages and a send/want verb, a threat, consent
wording or a wrong-number word. Confidence 0.8: high enough to act, low enough to be told apart
from a rule in reports. English has no fallback: its rules are broad and its false opt-outs are
measured on real SMS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

from optout.engine.charset_search import compile_ahead
from optout.engine.cue_readings import ASKED, OTHERS, REQUESTS, first
from optout.engine.cue_structures import structure_flags
from optout.engine.decision import Action
from optout.engine.languages import LANGUAGES
from optout.engine.languages.cue_words import CUES
from optout.engine.languages.cue_words_dialects import DIALECT_CUES
from optout.engine.languages.cue_words_extra import EXTRA_CUES
from optout.engine.languages.cue_words_kinds import KIND_CUES
from optout.engine.languages.cue_words_more import MORE_CUES
from optout.engine.languages.cue_words_pause import PAUSE_CUES
from optout.engine.languages.cue_words_structures import STRUCTURE_CUES
from optout.engine.normalization import normalize
from optout.engine.phrases import negated_before

CUE_CONFIDENCE = 0.8
_ENGLISH_STEMS = ("cancel", "remov", "stop", "block", "delet", "unsub", "annul", "basta")
_KINDS = tuple(
    " ".join(
        (
            "stop messages negation want wrong threat consent annoyed channel filler help again how self why",
            "often excess dismiss without instead prefer only who speak revoke i_send pause enough refuse item",
        )
    ).split()
)
# Channels named the same way in every language ("nomas x whatsapp", "piszcie na maila").
_UNIVERSAL = {"channel": ("whatsapp", "telegram", "wechat", "viber", "email", "e mail", "mail")}
_WHOLE_WORDS = frozenset({"how", "self"})  # short words: never matched as the start of another
# An Arabic negation stands alone or joins a verb ("ماترسل"), never opens a noun ("موعد", "لازم").
_AR_NEGATION_END = r"(?![^\s\u062a\u064a\u0646\u0627a-z0-9])"  # ta, ya, nun, alif; or Arabizi
_CLITIC_LANGUAGES = frozenset({"es", "pt", "it"})  # "borrenme", "cancellatemi": the verb carries "me"
_FIRST_FIVE = itemgetter(slice(5))  # token[:5], mapped in C over a message's words
_FIRST_THREE, _FIRST_TWO, _FIRST_ONE = itemgetter(slice(3)), itemgetter(slice(2)), itemgetter(slice(1))


@dataclass(frozen=True, slots=True)
class CueMatch:
    language: str
    name: str  # which cues decided, for Decision.detail
    text: str  # the cue words found
    action: Action = Action.OPT_OUT


@cache
def _cues() -> dict[str, dict[str, tuple[str, ...]]]:
    merged: dict[str, dict[str, tuple[str, ...]]] = {}
    universal = dict.fromkeys(CUES, _UNIVERSAL)
    for table in (CUES, MORE_CUES, KIND_CUES, EXTRA_CUES, STRUCTURE_CUES, DIALECT_CUES, PAUSE_CUES, universal):
        for code, kinds in table.items():
            into = merged.setdefault(code, {})
            for kind, stems in kinds.items():
                into[kind] = (*into.get(kind, ()), *dict.fromkeys(normalize(stem) for stem in stems))
    return merged


@cache
def _long_stems() -> dict[str, str]:
    """Stop stems of five letters or more, for one- to three-word messages of unknown language."""
    table: dict[str, str] = {}
    for code, kinds in _cues().items():
        for stem in kinds["stop"]:
            # Not the English-looking stems ("cancell" would read "cancelled").
            if len(stem) >= 5 and " " not in stem and not stem.startswith(_ENGLISH_STEMS):
                table.setdefault(stem, code)
    return table


@cache
def _stem_starts() -> frozenset[str]:
    return frozenset(stem[:5] for stem in _long_stems())


def stem_languages(tokens: list[str]) -> list[str]:
    """Languages whose long stop stems start a word of the message ("disiscrivermi": Italian),
    for messages whose common words mislead detection."""
    found = [] if _idiom_firsts().isdisjoint(tokens) else _idiom_languages(" ".join(tokens))
    if _stem_starts().isdisjoint(map(_FIRST_FIVE, tokens)):
        return found
    table = _long_stems()
    for token in tokens:
        for length in range(min(len(token), 9), 4, -1):
            code = table.get(token[:length])
            if code is not None and code not in found:
                found.append(code)
    return found


@cache
def _idiom_stems() -> tuple[str, ...]:
    """Every spaced language's "leave me alone" idioms of two words or more (none is English)."""
    stems = {
        stem for code, kinds in _cues().items() if not LANGUAGES[code].unspaced for stem in kinds.get("dismiss", ())
    }
    return tuple(sorted((stem for stem in stems if " " in stem), key=len, reverse=True))


@cache
def _idioms() -> re.Pattern[str]:
    return re.compile(r"(?<!\S)(?:" + "|".join(re.escape(stem) for stem in _idiom_stems()) + r")(?!\S)")


@cache
def _idiom_firsts() -> frozenset[str]:
    """The first word of every idiom: one set test spares most messages the search."""
    return frozenset(stem.split()[0] for stem in _idiom_stems())


def _idiom_languages(text: str) -> list[str]:
    """Languages whose dismissal idiom the message holds ("basta, lasciatemi stare": detection
    finds no language in so few words)."""
    found = _idioms().search(text)
    if found is None:
        return []
    idiom = found.group(0)
    return [code for code, kinds in _cues().items() if idiom in kinds.get("dismiss", ())]


@cache
def _pattern(language: str, kind: str, unspaced: bool) -> re.Pattern[str] | None:
    stems = _cues()[language].get(kind, ())
    if not stems:
        return None
    body = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    if unspaced:
        return compile_ahead(body.replace(r"\ ", ""))
    # Arabic joins the article and some prepositions to the word: "الايميل", "بالرسائل", "وقف".
    prefix = r"(?:و?(?:ال|بال|لل|ب|ل)?)" if language == "ar" and kind != "negation" else ""
    whole = r"(?!\S)" if kind in _WHOLE_WORDS else _AR_NEGATION_END if (language, kind) == ("ar", "negation") else ""
    return compile_ahead(r"(?<!\S)" + prefix + "(?:" + body + ")" + whole)


def message_stems(language: str) -> tuple[str, ...]:
    """The language's cue stems for the messages ("mensaj", "sms", "短信")."""
    return _cues().get(language, {}).get("messages", ())


def _found(
    language: str, kind: str, text: str, starts: frozenset[str] | None = None, unspaced: bool = False
) -> list[str]:
    """The kind's cue words in the text. `starts`: the first one, two and three letters of its words, when
    every match must begin a word: a kind none of whose stems begins so finds nothing."""
    if starts is not None and starts.isdisjoint(_heads(language, kind)):
        return []
    pattern = _pattern(language, kind, unspaced)
    return [] if pattern is None else pattern.findall(text)


def _hits(language: str, text: str, starts: frozenset[str] | None, unspaced: bool) -> dict[str, list[str]]:
    """_found() for every kind; a kind none of whose stems begins a word of the message is
    answered without the call (most kinds, in most messages)."""
    if starts is None:
        return {kind: _found(language, kind, text, None, unspaced) for kind in _KINDS}
    return {
        kind: [] if starts.isdisjoint(heads) else _found(language, kind, text, None, unspaced)
        for kind, heads in _kind_heads(language)
    }


@cache
def _kind_heads(language: str) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((kind, _heads(language, kind)) for kind in _KINDS)


@cache
def _heads(language: str, kind: str) -> frozenset[str]:
    """The first three letters (all, for a shorter word) of each stem's first word: three, not two,
    so that common English openings ("to", "me", "no") wake fewer kinds."""
    return frozenset(stem.split()[0][:3] for stem in _cues()[language].get(kind, ()))


def _word_starts(text: str, language: str, unspaced: bool) -> frozenset[str] | None:
    """What _found() tests, or None where a stem may begin inside a word (no spaces; Arabic
    joined prefixes)."""
    if unspaced or language == "ar":
        return None
    words = text.split()
    return frozenset((*map(_FIRST_THREE, words), *map(_FIRST_TWO, words), *map(_FIRST_ONE, words)))


_SIZE_FLAGS = ((8, "upto8"), (6, "upto6"))
_PARTICLES = "了啦吧喔哦呀"  # sentence-final particles around a Chinese stop word


def read_cues(language: str | None, normalized: str, tokens: list[str]) -> CueMatch | None:
    """An opt-out read from cue words, or None."""
    if language is None:
        return _unknown_language(tokens)
    kinds = _cues().get(language)
    if kinds is None:
        return None
    spec = LANGUAGES[language]
    # Romaji is read as words ("mou renraku shinaide"); pinyin and romanised Korean stems are joined.
    unspaced = spec.unspaced and not (language == "ja" and normalized.isascii())
    text = _cue_text(normalized, unspaced)
    starts = _word_starts(text, language, unspaced)
    hits = _hits(language, text, starts, unspaced)
    flags = _flags(hits, language, text, tokens, len(tokens) if not unspaced else len(normalized) // 3, unspaced)
    words = " ".join(stem for kind in _KINDS for stem in hits[kind])
    asked = first(ASKED, flags)
    if asked is not None:
        return None if asked.action is None else CueMatch(language, f"{spec.name} {asked.name}", words, Action.HELP)
    request = first(REQUESTS, flags)
    name = request.name if request is not None else _stop_in_context(language, kinds, text, tokens, flags, unspaced)
    if name is not None:
        return CueMatch(language, f"{spec.name} {name}", words)
    other = first(OTHERS, flags)
    if other is None or other.action is None:
        return None
    return CueMatch(language, f"{spec.name} {other.name}", words, other.action)


# "nasa bus stop na ako": an English place noun, not a request to stop.
_COMPOUND_STOP = re.compile(r"\b(?:bus|truck|pit|next|last|full|rest|tram|one) stop\b")


def _cue_text(normalized: str, unspaced: bool) -> str:
    if unspaced:
        return normalized.replace(" ", "")
    return _COMPOUND_STOP.sub("", normalized) if " stop" in normalized else normalized


def _flags(
    hits: dict[str, list[str]], language: str, text: str, tokens: list[str], size: int, unspaced: bool
) -> set[str]:
    """The kinds found, with the flags the reading tables name."""
    flags = {kind for kind, found in hits.items() if found}
    flags.update(flag for limit, flag in _SIZE_FLAGS if size <= limit)
    if size <= 2 and not unspaced:
        flags.add("upto2spaced")
    # "non stop", "nie stop": a negated stop word asks for nothing (threats keep it: "if you
    # don't stop, I'll sue").
    if not unspaced and _negated_stop(_cues()[language], tokens):
        flags.add("negated")
    elif language == "zh" and _negated_chinese_stop(hits["stop"], hits["negation"], text):
        # "不要退订", "我不想取消订阅": the stop itself is refused, and its negation asks for no
        # "not sent" either (a Spanish "no dejan de mandar" still does: not flagged there)
        flags.update(("negated", "stop_refused"))
    filler = hits["filler"]
    if hits["enough"] and any(
        stop not in filler and not any(stop in word or word in stop for word in hits["enough"]) for stop in hits["stop"]
    ):
        flags.add("enough_stop")  # "됐어요, 이제 그만": a stop word besides the "enough" ("basta" is both)
    if _instead_of_texts(hits, text, language, unspaced):
        flags.add("instead_of_texts")
    flags |= structure_flags(hits, text, unspaced)  # "only" by a channel, "don't stop" (cue_structures.py)
    return flags


def _stop_in_context(
    language: str, kinds: dict[str, tuple[str, ...]], text: str, tokens: list[str], flags: set[str], unspaced: bool
) -> str | None:
    """The readings of a stop word that look past the cue kinds: the whole message, a question or
    the writer, reinforcing words."""
    whole = unspaced and "negated" not in flags  # "不要退订" is no stop word alone
    if whole and (text.rstrip(_PARTICLES) in kinds["stop"] or _only_stop_and_filler(kinds, text)):
        return "request to stop"  # the whole message is stop words ("退定", "别再发了", "いらないです、とめてください")
    if "stop" not in flags or "negated" in flags:
        return None
    if "how" in flags or _self(language, kinds, tokens):
        return "request to stop, asked as a question or about the writer"
    if "upto6" in flags and not unspaced:
        return _reinforced(kinds, tokens)
    return None


def _only_stop_and_filler(kinds: dict[str, tuple[str, ...]], text: str) -> bool:
    """Nothing but stop words and filler, without spaces ("送るのやめて", "受信を拒否します"; not "車を止めてください")."""
    if len(text) > 24:
        return False
    for stem in sorted((*kinds["stop"], *kinds["filler"], *kinds.get("sent", ())), key=len, reverse=True):
        text = text.replace(stem, "")
    return not text.strip(_PARTICLES + "てよね")


def _instead_of_texts(hits: dict[str, list[str]], text: str, language: str, unspaced: bool) -> bool:
    """ "instead of" the texts, not "texts instead of calls": the texts come after the word."""
    if not hits["instead"] or unspaced:
        return False  # Chinese, Japanese and Korean put the replaced thing first: not read
    after = text[text.find(hits["instead"][0]) :]
    return _pattern(language, "messages", False) is not None and bool(_found(language, "messages", after))


def _self(language: str, kinds: dict[str, tuple[str, ...]], tokens: list[str]) -> bool:
    """A stop verb aimed at the writer: "tanggal na po ako", "wypisz mnie", "borrenme"."""
    stops, selves = kinds["stop"], frozenset(kinds.get("self", ()))
    clitics = language in _CLITIC_LANGUAGES
    for i, token in enumerate(tokens):
        if token.startswith(stops) and len(token) > 3:
            if not selves.isdisjoint(tokens[i + 1 : i + 4]):
                return True
            if clitics and token.endswith(("me", "nos", "mi", "ci")):
                return True
    return False


def _unknown_language(tokens: list[str]) -> CueMatch | None:
    if len(tokens) > 3:
        return None
    table = _long_stems()
    for token in tokens:
        for length in range(min(len(token), 9), 4, -1):
            code = table.get(token[:length])
            if code is not None:
                # Only with cue words of a language that has the stem around it ("PARAR pfv,
                # chega"); other words give it another sense ("koniec meczu, wracam").
                stem = token[:length]
                sharing = [c for c, kinds in _cues().items() if stem in kinds["stop"]]
                code = next((c for c in sharing if _only_cue_words(_cues()[c], tokens)), None)
                if code is None:
                    return None
                return CueMatch(code, f"{LANGUAGES[code].name} request to stop", stem)
    return None


def _only_cue_words(kinds: dict[str, tuple[str, ...]], tokens: list[str]) -> bool:
    """Every word is short ("pfv", "ya") or one of the language's cue words ("PARAR pfv, chega")."""
    stems = tuple(stem for group in kinds.values() for stem in group if " " not in stem)
    return all(len(token) <= 3 or token.startswith(stems) for token in tokens)


def _negated_stop(kinds: dict[str, tuple[str, ...]], tokens: list[str]) -> bool:
    # A negation that is also filler ("ya basta": already enough) negates nothing.
    stops, negations, filler = kinds["stop"], kinds["negation"], frozenset(kinds["filler"])
    return any(
        token.startswith(stops) and tokens[i - 1].startswith(negations) and tokens[i - 1] not in filler
        for i, token in enumerate(tokens)
        if i
    )


def _negated_chinese_stop(stops: list[str], negations: list[str], text: str) -> bool:
    """A Chinese stop word with a negation right before it, unless the stop word is itself a
    negated send ("别再发": the request, not its refusal)."""
    for stop in stops:
        if stop.startswith(tuple(negations)):
            continue
        start = text.find(stop)
        while start > 0:
            if negated_before(text, start):
                return True
            start = text.find(stop, start + 1)
    return False


def _reinforced(kinds: dict[str, tuple[str, ...]], tokens: list[str]) -> str | None:
    """A stop word with only cue words and filler around it ("Parar ya, no quiero más")."""
    stems = tuple(stem for group in kinds.values() for stem in group if " " not in stem)
    for token in tokens:
        if len(token) > 1 and not token.startswith(stems):
            return None
    return "request to stop with reinforcing words"
