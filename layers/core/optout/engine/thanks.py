"""Thanks for help given is no request for help: "merci pour votre aide", "grazie per l'assistenza",
"спасибо за помощь", "助けてくれてありがとう", "मदद के लिए धन्यवाद".

Read as a structure over word tables rather than as phrases: a word of thanks, then (within two
words) a word meaning "for", then (within two words) a help noun; or, in the languages that put the
thanks last (Japanese, Korean, Hindi, Chinese), a help word, then the thanks. Every language's
words are in one alternation, so one search answers. A help word outside the thanks ("thanks for
the help, I still need help with my bill") keeps the request.
"""

from __future__ import annotations

import re
from functools import cache

from optout.engine.normalization import normalize
from optout.engine.prefilter import with_lookahead

# Words of thanks, said first: "merci", "grazie", "danke", "dziękuję", "شكرا", "mèsi", "cảm ơn".
_THANKS = (
    *("thanks", "thank you", "thank u", "thx", "ty", "merci", "grazie", "danke", "vielen dank", "gracias"),
    *("obrigado", "obrigada", "valeu", "спасибо", "благодарю", "dziekuje", "dzieki", "salamat", "mesi"),
    *("cam on", "shukriya", "dhanyavad", "thanks bhai", "شكرا", "شكرًا", "مشكور", "مشكورين", "متشكر"),
    *("mashkoor", "shokran", "shukran", "merci beaucoup"),
)
# "for": "pour", "per", "für", "por", "pela", "за", "za", "sa", "pou", "على", "vi".
_FOR = ("for", "pour", "de", "per", "fur", "por", "pela", "pelo", "за", "za", "sa", "pou", "على", "علي", "ل", "3ala",
        "vi", "ban da", "da", "ke liye")  # fmt: skip
# Help nouns and verbs, stems at the start of a word (an elided article may come first: "l'aide").
_HELP = (
    *("help", "assist", "support", "aide", "aiuto", "assistenz", "hilfe", "unterstutz", "ayuda", "ajuda"),
    *("apoio", "помощ", "поддержк", "pomoc", "tulong", "ed", "giup", "ho tro", "madad", "مساعد", "المساعد"),
    *("mosa3d", "mosa3ad", "al mosa3ada", "el mosa3da", "مدد"),
)
# Help first, thanks last: "助けてくれてありがとう", "도와주셔서 감사합니다", "मदद के लिए धन्यवाद", "谢谢你的帮助".
# Only help words that cannot open a request ("도와주세요 감사합니다", "मदद चाहिए धन्यवाद" ask for help).
_HELP_FIRST = (
    *("助けてくれて", "助けていただ", "手伝ってくれて", "手伝っていただ", "サポート", "協力", "도와주셔서", "도와줘서"),
    *("도움 주셔서", "도움에", "मदद के लिए", "help ke liye", "madad ke liye", "मदद करने के लिए"),
)
_HELP_AFTER = ("帮助", "幫助", "帮忙", "幫忙", "支持")
_THANKS_LAST = ("ありがとう", "感謝", "감사", "고맙", "धन्यवाद", "शुक्रिया", "thanks", "thank", "shukriya", "谢谢", "謝謝")
_THANKS_FIRST_CJK = ("谢谢", "謝謝", "感谢", "感謝")


def _alt(words: tuple[str, ...]) -> str:
    folded = sorted({normalize(word) for word in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s") for word in folded) + ")"


@cache
def _pattern() -> re.Pattern[str]:
    word = r"[^\s,]+"  # a word of the same clause
    spaced = rf"(?<!\S){_alt(_THANKS)}(?:\s{word}){{0,2}}?\s{_alt(_FOR)}(?:\s{word}){{0,2}}?\s(?:l|d)?{_alt(_HELP)}"
    last = (
        rf"{_alt(_HELP_FIRST)}[^,]{{0,8}}?{_alt(_THANKS_LAST)}|{_alt(_THANKS_FIRST_CJK)}[^,]{{0,4}}?{_alt(_HELP_AFTER)}"
    )
    return re.compile(with_lookahead(f"{spaced}|{last}"))


@cache
def _help_words() -> re.Pattern[str]:
    return re.compile(rf"(?<!\S)(?:l|d)?{_alt(_HELP)}|{_alt(_HELP_FIRST)}|{_alt(_HELP_AFTER)}")


def thanks_for_help(clause_text: str) -> bool:
    """Whether the message (clause-marked: the thanks stays within one clause) thanks for help and
    asks for none outside the thanks."""
    found = _pattern().search(clause_text)
    if found is None:
        return False
    rest = clause_text[: found.start()] + " , " + clause_text[found.end() :]
    return _help_words().search(rest) is None
