"""classify(): keyword gate, then natural-language intent, then typo, with Text-Em-All's exclusions.

Every decision says which rule decided, the matched words, a one-line reason (detail), a
confidence and the message's language. An opt-out signal below LOW_CONFIDENCE, or one an
exclusion keeps from being automatic, goes to a person (Action.REVIEW) with review_reason
(intent_verdict.py).
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from types import ModuleType

from optout.engine.counter_readings import countered
from optout.engine.decision import DEFAULT_SETTINGS, Action, Decision, EngineSettings, Rule, no_action
from optout.engine.detect import detect_latin, foreign_enough, ranked, script_language
from optout.engine.intent import find_intent
from optout.engine.intent_guards import is_broadcast, is_instruction, is_unspaced_broadcast
from optout.engine.intent_verdict import NOUN, Found, intent_decision
from optout.engine.japanese import read_japanese
from optout.engine.japanese_romaji import romaji_found
from optout.engine.keyword_gate import KeywordMatch, match_keywords, match_unspaced
from optout.engine.keywords import (
    MAX_KEYWORD_MESSAGE_WORDS,
    KeywordTable,
    default_table,
    squeeze_words,
    table_for,
)
from optout.engine.languages import LANGUAGES, UNSUPPORTED
from optout.engine.names import NAME_CONFIDENCE, wrong_name
from optout.engine.names_languages import SCREEN_WORDS, wrong_name_elsewhere
from optout.engine.normalization import clause_words
from optout.engine.phrases import PHRASE_CONFIDENCE, find_unspaced
from optout.engine.spelling import find_respelt
from optout.engine.thanks import thanks_for_help
from optout.engine.transactions import MISTAKE_WORDS, about_a_transaction, reported_mistake, retracted
from optout.engine.typos import find_typo, strip_filler, typo_description

# Text-Em-All: intent (not keyword) opt-outs skip messages longer than this (original text).
MAX_INTENT_LENGTH = 200
_TYPO_ACTION = {"opt_out": Action.OPT_OUT, "confirm": Action.CONFIRM, "ignore": Action.NONE}
_TYPO_NOTE = {
    "opt_out": "",
    "confirm": ": ask to confirm",
    "ignore": ": ignored (typo_mode ignore)",
}
_UNSPACED = frozenset(code for code, spec in LANGUAGES.items() if spec.unspaced)
_SCRIPTS = frozenset({"ru", "ar", "hi"})  # told apart by their script alone
_DOUBLE = re.compile(r"(.)\1", re.DOTALL)  # two of one character side by side
# Chinese "不要停止" is "don't stop": kanji-only text with a Chinese negation is not read as Japanese.
_ZH_NEGATIONS = frozenset("不别別没沒勿")
# But "不要" before no kanji is the Japanese noun "not needed" ("SMS不要"), which no Chinese verb follows.
_NOT_NEEDED = re.compile(r"不要(?![\u4e00-\u9fff])")
_ROMAJI_WORDS = 8  # a romaji request is short; longer Latin text is read in its own language
_JAPANESE_ACTIONS = {"asked_back": Action.OPT_IN, "help": Action.HELP}  # the other readings decide nothing
# Words of the default table's messages that are no keyword-gate word and have no doubled letter:
# one set test then settles most messages. Bounded, since a warm Lambda keeps it between messages.
_PLAIN: set[str] = set()
_PLAIN_LIMIT = 50_000


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
    clause_text, tokens = clause_words(text)
    # plain(clause_text): the clause text itself when it has no clause mark (it is single-spaced)
    normalized = " ".join(tokens) if "," in clause_text else clause_text
    if not tokens:
        return Decision(Action.NONE, Rule.NONE, None, None, None, normalized, None)
    table = default_table() if settings is DEFAULT_SETTINGS else _table(settings)
    script = None if text.isascii() else script_language(text)
    # Keywords and typos only ever match short messages: squeeze those alone.
    short = len(tokens) <= MAX_KEYWORD_MESSAGE_WORDS
    squeezed = _squeezed(tokens, table) if short else []
    # Only squeezed words or a short CJK message can be a keyword: most messages skip the call.
    keyword = _keyword(tokens, squeezed, normalized, table, script) if squeezed or script in _UNSPACED else None
    if keyword is not None:
        return keyword
    if normalized[0].isdigit() and normalized.replace(" ", "").isdigit():
        # Text-Em-All: digit-only replies (codes, survey answers) are never read as opt-outs.
        return Decision(Action.NONE, Rule.EXCLUSION, None, None, None, normalized, "excluded: digits only")
    exclusion = _exclusion(text, unstopped_within_six_months)
    if settings.intent_enabled:
        intent = _find(text, clause_text, tokens, script)
        decision = (
            None if intent is None else _decided(intent, text, clause_text, normalized, tokens, exclusion, settings)
        )
        if decision is not None:
            return decision
    typo = _typo_decision(tokens, squeezed, normalized, exclusion, settings) if squeezed else None
    if typo is not None:
        return typo
    return _undecided(text, clause_text, normalized, tokens, squeezed, script, exclusion, settings)


def _keyword(
    tokens: list[str], squeezed: list[str], normalized: str, table: KeywordTable, script: str | None
) -> Decision | None:
    """A whole-message keyword: Latin words (squeezed), or a short CJK message."""
    found = match_keywords(tokens, squeezed, table) if squeezed else None
    if found is not None:
        return _keyword_decision(found, tokens, normalized)
    if script not in _UNSPACED or len(normalized) > 40:
        return None
    keyword = match_unspaced(normalized)
    if keyword is None:
        return None
    detail = f"{NOUN[keyword.action]} keyword {keyword.canonical}"
    return Decision(keyword.action, Rule.KEYWORD, normalized, keyword.canonical, keyword.language, normalized, detail)


def _decided(
    found: Found | None,
    text: str,
    clause_text: str,
    normalized: str,
    tokens: list[str],
    exclusion: str | None,
    settings: EngineSettings,
) -> Decision | None:
    """The decision on a natural-language match, unless it is about a transaction or decides nothing."""
    if found is None or _about_a_transaction(found, text, normalized, tokens):
        return None
    if found.action is Action.HELP and thanks_for_help(clause_text):
        return None  # "merci pour votre aide", "спасибо за помощь": thanks, no request
    return intent_decision(found, clause_text, normalized, exclusion, settings)


def _undecided(
    text: str,
    clause_text: str,
    normalized: str,
    tokens: list[str],
    squeezed: list[str],
    script: str | None,
    exclusion: str | None,
    settings: EngineSettings,
) -> Decision:
    """What no keyword, rule, phrase or typo read: cue words in other languages, then an opt-out the
    writer calls a mistake; else no rule decides. (One function: a call less on most messages.)"""
    language = script or detect_latin(text, tokens)  # the script was looked at already
    if settings.intent_enabled and language != "en":
        decision = _cue_decision(text, clause_text, normalized, tokens, language, exclusion, settings)
        if decision is not None:
            return decision
    if settings.intent_enabled and not exclusion and not MISTAKE_WORDS.isdisjoint(tokens):
        decision = _asked_back(normalized, language)
        if decision is not None:
            return decision
    if language not in UNSUPPORTED:
        return no_action(language, normalized, _near_miss(tokens, squeezed) if len(tokens) > 1 else None)
    return _unsupported(language, normalized)


def _cue_decision(
    text: str,
    clause_text: str,
    normalized: str,
    tokens: list[str],
    language: str | None,
    exclusion: str | None,
    settings: EngineSettings,
) -> Decision | None:
    """Cue words in a language other than English, or romaji."""
    cue = _cue(text, clause_text, normalized, tokens, language)
    if cue is None and text.isascii() and len(tokens) <= _ROMAJI_WORDS:
        cue = romaji_found(normalized)  # "teisi sitekudasai": kana spelt in Latin letters
    return None if cue is None else _decided(cue, text, clause_text, normalized, tokens, exclusion, settings)


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
    core = strip_filler(tokens, squeezed) if squeezed else ([], [])
    typo = find_typo(*core)
    if typo is None:
        return None
    typed = " ".join(core[0])
    description = typo_description(typo.keyword, typo.kind)
    if exclusion:
        return Decision(
            Action.NONE, Rule.EXCLUSION, typed, typo.keyword, typo.language, normalized,
            f"excluded: {exclusion} ({description})",
        )  # fmt: skip
    return Decision(
        _TYPO_ACTION[settings.typo_mode], Rule.TYPO, typed, typo.keyword, typo.language,
        normalized, description + _TYPO_NOTE[settings.typo_mode],
    )  # fmt: skip


def _cue(text: str, clause_text: str, normalized: str, tokens: list[str], language: str | None) -> Found | None:
    """The fallback reader for other languages (cues.py), unless the message is a broadcast."""
    cues = _cue_reader()
    stems = cues.stem_languages(tokens)  # a foreign stop word detection missed ("disiscrivermi")
    if language is None and text.isascii() and len(tokens) > 1 and not stems:
        return None
    cue = None
    tried = _cue_languages(text, tokens, language)
    for code in [*tried, *(code for code in stems if code not in tried)]:
        if code is None and len(tokens) > 3:
            continue  # a message of unknown language is read at one to three words only
        if text.isascii() and len(tokens) > 4 and code not in stems and not foreign_enough(tokens, code):
            continue  # one Singlish "la" or "na" makes no Spanish or Tagalog message
        cue = cues.read_cues(code, normalized, tokens)
        if cue is not None:
            break
    if cue is None or is_broadcast(text, clause_text) or is_unspaced_broadcast(clause_text):
        return None
    if is_instruction(tokens, default_table().phrases, text):
        return None
    name = f"{cue.name} (cue words)"
    return Found(name, cue.language, cue.action, cues.CUE_CONFIDENCE, cue.text, 0, 0, "cues")


@cache
def _cue_reader() -> ModuleType:
    """cues.py, imported on first use: only messages that may be in other languages need it, and
    its tables would add to every cold start. (An import statement here would cost about 1.5 us on
    every call.)"""
    return importlib.import_module("optout.engine.cues")


def _cue_languages(text: str, tokens: list[str], language: str | None) -> list[str | None]:
    """The detected language, then (Latin text) the next likeliest: short messages mislead."""
    if language is not None and (language in _UNSPACED or (not text.isascii() and language in _SCRIPTS)):
        return [language]
    others = [code for code in ranked(tokens) if code != language and code in LANGUAGES][:2]
    return [language, *others] if language is not None else [None, *others]


def _about_a_transaction(found: Found, text: str, normalized: str, tokens: list[str]) -> bool:
    """An opt-out reported as a mistake, taken back or aimed at something else (counter_readings.py),
    or in another language aimed at an order, a card or an appointment (transactions.py)."""
    if found.action is not Action.OPT_OUT or found.family == "threat":
        return False
    if reported_mistake(normalized) or retracted(normalized):
        return True
    if found.language == "ja":
        reading = read_japanese(text)  # a phrase or cue word the whole message gives another sense
        if reading is not None and not reading.opts_out:
            return True
        if reading is not None and reading.kind in ("owner", "complaint") and found.name.endswith("by construction"):
            return False  # a changed owner or texts still sent after a cancellation ("解約"): not a contract
    if countered(found.family, found.name, text, normalized, found.language):
        return True
    if found.language == "en":
        return False
    return about_a_transaction(found.language, normalized, tokens, _cue_reader().message_stems(found.language))


def _table(settings: EngineSettings) -> KeywordTable:
    return table_for(settings.extra_opt_out_keywords, settings.extra_opt_in_keywords, settings.extra_help_keywords)


def _squeezed(tokens: list[str], table: KeywordTable) -> list[str]:
    """Squeezed words, or [] when neither a keyword nor a typo can match (saves a regex pass)."""
    count = len(tokens)
    spelled = len(tokens[0]) * len(tokens[1 % count]) * len(tokens[-1]) < 8  # "s t o p p l s"
    plain = _PLAIN if table is default_table() else None
    if plain is not None and count > 4 and not spelled and not plain.isdisjoint(tokens):
        return []  # a word already found unknown (so not all are known) and without a doubled letter
    if table.vocabulary.issuperset(tokens):
        return tokens  # every word known as it stands
    if count <= 4 or spelled:
        return squeeze_words(tokens)
    # Squeezing helps only when every unknown word has a doubled letter: stop at the first without.
    vocabulary, double = table.vocabulary, _DOUBLE.search
    for word in tokens:
        if word not in vocabulary and double(word) is None:
            if plain is not None and len(plain) < _PLAIN_LIMIT:
                plain.add(word)
            return []
    return squeeze_words(tokens)


def _keyword_decision(found: KeywordMatch, tokens: list[str], normalized: str) -> Decision:
    keyword = found.keyword
    detail = f"{NOUN[keyword.action]} keyword {keyword.canonical}"
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


def _japanese(text: str, script: str | None) -> tuple[bool, Found | None]:
    """(True, what it found) when the whole-message Japanese reading settles the message."""
    if not (script == "ja" or (script == "zh" and _ZH_NEGATIONS.isdisjoint(_NOT_NEEDED.sub("", text)))):
        return False, None
    reading = read_japanese(text)  # kanji-only Japanese ("購読解除") reads as Chinese script
    if reading is None or not (script == "ja" or reading.kind == "request"):
        return False, None
    action = Action.OPT_OUT if reading.opts_out else _JAPANESE_ACTIONS.get(reading.kind)
    if action is None:
        return True, None  # reported, narrated, another object, or the texts kept
    name = f"Japanese {reading.kind}, read by construction"
    return True, Found(name, "ja", action, PHRASE_CONFIDENCE, reading.text, 0, 0)


def _find(text: str, clause_text: str, tokens: list[str], script: str | None) -> Found | None:
    if script is not None:  # Latin text (most messages) has no Japanese or unspaced reading
        settled, found = _japanese(text, script)
        if settled:
            return found
        if script in _UNSPACED:
            compact = clause_text.replace(" ", "").replace(",", "")
            phrase = find_unspaced(compact)
            if phrase is not None and not is_unspaced_broadcast(clause_text):
                name = f"{phrase.name} {NOUN[phrase.action]} phrase"
                return Found(name, phrase.language, phrase.action, PHRASE_CONFIDENCE, phrase.phrase, 0, 0)
    intent = find_intent(text, clause_text, tokens) or find_respelt(text, clause_text, tokens)
    if intent is None:
        return _named(text, tokens, script)
    if is_instruction(tokens, default_table().phrases, text):
        return None
    rule = intent.rule
    return Found(
        rule.name, rule.language, rule.action, rule.confidence, intent.text, intent.start, intent.stop, rule.family
    )


def _named(text: str, tokens: list[str], script: str | None) -> Found | None:
    """A wrong person named when no rule matched ("I'm not Sarah", "Я не Сергей")."""
    if len(tokens) > 16:
        return None
    named = wrong_name(text) if len(tokens) <= 12 else None
    if named is not None:
        return Found("wrong person by name", "en", Action.OPT_OUT, NAME_CONFIDENCE, named, 0, 0)
    elsewhere = wrong_name_elsewhere(text) if script == "zh" or not SCREEN_WORDS.isdisjoint(tokens) else None
    if elsewhere is not None:
        return Found("wrong person by name", elsewhere[1], Action.OPT_OUT, NAME_CONFIDENCE, elsewhere[0], 0, 0)
    return None


def _unsupported(language: str, normalized: str) -> Decision:
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


def _exclusion(text: str, unstopped_within_six_months: bool) -> str | None:
    if len(text) > MAX_INTENT_LENGTH:
        return f"longer than {MAX_INTENT_LENGTH} characters"
    if unstopped_within_six_months:
        return "opted back in within six months"
    return None


def _near_miss(tokens: list[str], squeezed: list[str]) -> str | None:
    """Explain the common near miss "STOP 12345": a keyword followed by other words (more than one)."""
    first = default_table().phrases.get(squeezed[0] if squeezed else tokens[0])
    if first is not None:
        return f"{first.canonical} followed by other words: not a whole-message keyword"
    return None
