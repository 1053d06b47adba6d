"""Wrong person by name: "I'm not Sarah", "This isn't Tom", "Not Mike", "I don't know any Jake".

Read on the original text, because only capitalisation tells a name ("I'm not Sarah") from a
word ("I'm not sure"); the common capitalised words that follow "not" are excluded.
"""

from __future__ import annotations

import re
from functools import cache

NAME_CONFIDENCE = 0.85
_NOT_NAMES = (
    "Interested|Sure|Ok|OK|Okay|Available|Home|Here|There|Free|Able|Going|Coming|Sorry|Happy"
    "|Kidding|Joking|Done|Ready|Working|Buying|Paying|Right|Fair|Funny|True|Me|You|Him|Her|Them"
    "|It|That|This|The|A|An|My|Your|Now|Today|Yet|Anymore|Really|So|Very|Too|At|In|On|For|To|Of"
    "|With|And|Or|But|Again|Even|Bad|Good|Great|Much|Quite|Exactly|Yours|Mine|Ours|Just|Only"
    "|Gonna|Going|Allowed|Responsible|Married|Single|Alone|Well|Fine|Over|Up|Out|Yes|No|Now"
)


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile(
        r"(?i:(?:^|[.!?,;]\s*|\b(?:sorry|no|nope|but)\b,?\s*)"
        r"(?:(?:i'?m|i am|im|this is|this isn'?t|this is not|it'?s|its|that'?s|thats|i'?m not|this"
        r" number is not|this number isn'?t)\s+(?:not\s+)?|not\s+))"
        rf"(?!(?:{_NOT_NAMES})\b)([A-Z][a-z]+)(?:'s)?\b"
        r"|(?i:\bdon'?t know (?:who|any|anyone named|a|an))\s+(?!(?:" + _NOT_NAMES + r")\b)([A-Z][a-z]+)\b",
    )


# What every accepted match contains: "not", "isn't" or "know ..." right before a capitalised
# word. One cheap search rules most messages out before the full pattern runs.
# (A name may itself hold the letters: "I'm Notley", "this is Knowles".)
_SCREEN = re.compile(
    r"(?i:not|isn'?t|know (?:who|any|anyone named|a|an))\s+[A-Z][a-z]|[A-Z][a-z]*(?:not|know|isnt)"
    r"|(?:Not|Know|Isnt)[a-z]"
)


# "No Maria here", "there's no Kevin at this number": the person is not at this number.
_NOBODY_HERE = re.compile(
    r"(?i:^\s*(?:sorry,?\s+)?(?:there(?:'?s| is) )?no\s+)"
    r"(?!(?:"
    + _NOT_NAMES
    + r"|Thanks|Problem|Problems|Worries|One|Way|Idea|Clue|Signal|Service|Answer)\b)([A-Z][a-z]+)"
    r"\s+(?i:here|at this number|on this (?:phone|number)|lives here)\b"
)


def wrong_name(text: str) -> str | None:
    """The name in "I'm not <Name>" or "No <Name> here", or None."""
    if " here" in text or " this " in text:
        nobody = _NOBODY_HERE.search(text)
        if nobody is not None:
            return nobody.group(0).strip(" ,.!?;")
    if "not" not in text and "Not" not in text and "know" not in text and "isn" not in text and "Isn" not in text:
        return None
    text = text.replace("\u2019", "'")
    if _SCREEN.search(text) is None:
        return None
    found = _pattern().search(text)
    if found is None:
        return None
    # "I'm Sarah" says who the writer is, not that they are someone else: "not" must be there.
    words = found.group(0).lower()
    if "not" not in words and "isn't" not in words and "isnt" not in words and "know" not in words:
        return None
    return found.group(0).strip(" ,.!?;")
