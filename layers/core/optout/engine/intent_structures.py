"""English opt-out kinds of the tenth dev batch, built from word tables (coverage by construction),
read after intent_coverage.py:

- the texts counted by an ordinal and a period ("3rd reminder today", "the fifth promo this week");
  "not another one of these";
- what the texts do to the writer, the texts as subject ("your texts are driving me up the wall",
  "these constant alerts are unacceptable");
- "how many times do I have to tell you";
- an idiom of stopping with the texts ("knock it off with the texts", "give it a rest with the promos");
- a polite conditional ("I would appreciate it if you stopped messaging me");
- being excluded, "no thanks, I'm out";
- consent never opted into, a sign-up by whoever did it;
- a report to a regulator ("filing an FCC complaint");
- whether there is a way not to get them;
- not by text, or "not on this phone"; the number taken off texts.
"""

from __future__ import annotations

from optout.engine.intent_coverage import SENT, alt, first_words, last_words
from optout.engine.intent_pieces import WRITERS_OWN_WAY, IntentRule, rule

# What is sent, one of them: "the 3rd reminder", "not another promo".
SENT_ONE = (
    "text", "txt", "message", "msg", "sms", "reminder", "alert", "notification", "promo", "promotion", "deal",
    "offer", "ad", "update", "notice",
)  # fmt: skip
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "umpteenth")
PERIODS = (
    "today", "tonight", "this morning", "this afternoon", "this evening", "this week", "this month", "in a row",
    "since lunch", "since breakfast", "since yesterday", "in one day", "in a day", "in an hour", "this weekend",
)  # fmt: skip
# What texts do to the writer; never praise ("these deals are crazy good" has no "driving me").
IRRITATE = (
    "driving me crazy", "driving me nuts", "driving me insane", "driving me up the wall", "driving me mad",
    "driving me bananas", "getting on my nerves", "getting old", "unacceptable", "out of hand", "a headache",
    "giving me a headache", "excessive", "nonstop", "harassment",
)  # fmt: skip
SUBJECTS = ("your", "these", "the", "all these", "all the", "all your", "ur", "those", "yalls", "your constant")
IDIOMS = (
    "knock it off", "cut it out", "give it a rest", "quit it", "lay off", "ease up", "cool it", "chill out",
    "tone it down", "back off", "let up", "enough already", "pump the brakes",
)  # fmt: skip
POLITE = ("appreciate it", "appreciate", "grateful", "great", "nice", "thankful", "helpful", "kind", "love it", "best")
STOP_FORMS = ("stopped", "stop", "quit", "ceased", "cease", "discontinued", "discontinue", "halted", "no longer")
SENDING_FORMS = ("texting", "txting", "messaging", "contacting", "sending", "emailing", "calling", "sending texts")
REGULATORS = ("fcc", "ftc", "bbb", "better business bureau", "attorney general", "consumer protection", "cfpb")
FILING = ("file", "filing", "filed", "report", "reporting", "submit", "submitting", "lodge", "lodging", "make",
          "making", "send", "sending", "contact", "contacting", "tell", "telling", "call", "calling", "complain",
          "complaining", "write", "writing", "going", "goes", "go")  # fmt: skip
TEXT_NOUNS = ("sms", "texts", "text", "texting", "text messages", "txt", "txts", "regular sms", "regular texts",
              "normal texts", "text msgs")  # fmt: skip
MY_NUMBER = ("this number", "my number", "me", "my phone", "this phone", "my cell", "this cell", "my mobile")

_SENT_ONE = alt(SENT_ONE)
_SENT_ALL = alt(SENT, SENT_ONE)
_TEXT_NOUNS = alt(TEXT_NOUNS)

STRUCTURE_RULES: tuple[IntentRule, ...] = (
    rule(
        "counts the texts with an ordinal and a period",
        "en",
        r"\b(?:[2-9](?:st|nd|rd|th)|1\d(?:st|nd|rd|th)|"
        + alt(ORDINALS)
        + r")\s"
        + _SENT_ONE
        + r"s?\s(?:already\s)?"
        + alt(PERIODS)
        + r"\b",
        needs=(f"{' '.join(ORDINALS)} @ORDINAL", first_words(SENT_ONE) + " " + " ".join(w + "s" for w in SENT_ONE)),
        key=0,
        negatable=False,
        # "I sent you the 3rd reminder today": the writer's own
        unless=r"\b(?:i|we)\s(?:sent|send|texted|wrote)\s(?:\w+\s){0,2}$",
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "not another one of the texts",
        "en",
        r"(?:^|,\s|\b(?:ugh|omg|oh god|seriously|really)\s)not another\s(?:one of these\b|one of your\b|"
        + _SENT_ONE
        + r"\b)",
        needs=("another",),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "says what the texts do to the writer",
        "en",
        r"\b" + alt(SUBJECTS) + r"\s(?:\w+\s)?" + _SENT_ALL + r"\s(?:are|r|is|have been|keep)\s(?:so\s|really\s"
        r"|honestly\s|literally\s|getting\s|becoming\s|just\s)?" + alt(IRRITATE) + r"\b",
        needs=(last_words(IRRITATE), first_words(SENT, SENT_ONE) + " " + " ".join(w + "s" for w in SENT_ONE)),
        key=1,
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "how many times it must be said",
        "en",
        r"\bhow many (?:more\s)?times (?:do|must|will|should|have|did)\s(?:i|we)\s(?:have to|need to|got to|gotta"
        r"|have|need)?\s?(?:tell|ask|say|repeat|reply|write|type)(?:\s(?:you|u|yall|ya)(?:\s(?:people|guys|all))?)?"
        r"(?:\s(?:it|this|that))?"
        # said of the texts, not "how many times do I have to tell you I love pizza" nor "ask the doctor"
        r"(?=\s*(?:$|,|\s(?:to stop|not to|to remove|to take|already|stop|this)\b))",
        needs=("times", "tell ask say repeat reply write type"),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "an idiom of stopping, with the texts",
        "en",
        r"\b"
        + alt(IDIOMS)
        + r"\s(?:with|on)\s(?:the|your|all the|these|those|ur|all these|all your)\s(?:\w+\s)?"
        + _SENT_ALL
        + r"\b",
        needs=(last_words(IDIOMS), "with on", first_words(SENT, SENT_ONE) + " " + " ".join(w + "s" for w in SENT_ONE)),
        key=2,
        confidence=0.9,
    ),
    rule(
        "asks politely, on a condition",
        "en",
        r"\b" + alt(POLITE) + r"\s(?:\w+\s){0,2}?if\s(?:you|u|yall|you guys|your team)\s(?:would\s|could\s|can\s"
        r"|d\s|would please\s|could please\s)?" + alt(STOP_FORMS) + r"\s" + alt(SENDING_FORMS) + r"\b",
        needs=(" ".join(sorted({w.split()[0] for w in POLITE})), "if", " ".join(w.split()[0] for w in SENDING_FORMS)),
        key=2,
        negatable=False,
        confidence=0.9,
    ),
    rule(
        "asks to be excluded",
        "en",
        r"\b(?:exclude (?:me|my number|this number|us)|(?:be|get|have me|am|keep me) excluded)"
        r"(?=\s*(?:$|,|\s(?:from (?:your|the|this|these|all) (?:list|texts|messages|sms|mailing|contact)|please|pls"
        r"|thanks|thank you|now|asap)\b))",
        needs=("exclude excluded",),
        confidence=0.9,
    ),
    rule(
        "refuses and leaves",
        "en",
        r"\b(?:no thanks|no thank you|nah|nope|pass)\s?,?\s(?:im|i am|i m|were|we are) out\s*$",
        needs=("out", "thanks thank nah nope pass"),
        key=0,
        negatable=False,
        confidence=0.85,
    ),
    rule(
        "never opted in, or signed up by someone else",
        "en",
        r"\b(?:i|we)\s(?:never|did not|didnt|have not|havent|never once|never ever)\s(?:opted|opt)\s?(?:in|into)\b"
        r"|\bwho(?:ever)?\s(?:signed|subscribed|enrolled|registered)\s(?:me|us|my number)\s(?:up\s)?"
        r"(?:did it|without|for this|to this|to these)\b",
        needs=("opted opt signed subscribed enrolled registered",),
        negatable=False,
        confidence=0.85,
        family="consent",
    ),
    rule(
        "reports to a regulator",
        "en",
        r"\b" + alt(FILING) + r"\s(?:\w+\s){0,3}?" + alt(REGULATORS) + r"\b"
        r"|\b" + alt(REGULATORS) + r"\s(?:complaint|report|will hear|is going to hear|gonna hear|will be hearing)\b",
        needs=("fcc ftc bbb bureau attorney protection cfpb",),
        negatable=False,
        confidence=0.9,
        family="threat",
    ),
    rule(
        "asks whether there is a way not to get them",
        "en",
        r"\b(?:is there|theres|there is|any)\s(?:a\s|any\s)?way\s(?:to|i can|for me to|we can)\s(?:not|never|no longer"
        r"|stop)\s(?:get|getting|receive|receiving|be sent)\s(?:these|them|this|those|any|your|more|the)\b",
        needs=("way", "not never longer stop"),
        key=1,
        negatable=False,
        confidence=0.85,
        family="question",
    ),
    rule(
        "another way, not the texts",
        "en",
        # "instead of texts" is intent_families.py's "switches channel"
        r"\bnot\s(?:by|via|through|over)\s(?:regular\s|normal\s|plain\s)?" + _TEXT_NOUNS + r"\b"
        r"|(?:^|,\s)(?:but\s)?not (?:on|to|at) (?:this|my) (?:phone|number|cell|mobile)\b"
        r"|\b(?:take|taking|remove|removing|get|getting)\s"
        + alt(MY_NUMBER)
        + r"\s(?:off|out of|from)\s"
        + _TEXT_NOUNS
        + r"\b",
        needs=(
            "not take taking remove removing get getting",
            "sms texts text texting txt txts msgs phone number cell mobile",
        ),
        key=0,
        negatable=False,
        # "I'll call you instead of texting": the writer's own way
        unless=WRITERS_OWN_WAY,
        confidence=0.85,
        family="channel",
    ),
)
