"""English opt-out kinds built from word tables rather than from single phrases (issue #9, coverage
by construction), read after intent_everyday.py. Each table lists a whole family of words a kind
uses (who sends, how texts are sent, complaint adjectives, counts and periods, the modal forms of
"this number is not to receive"); the rules combine them, so every combination is covered, and
tests check the combinations rather than sentences. Code-switched Spanish and French requests
are in intent_code_switch.py.
"""

from __future__ import annotations

from optout.engine.intent_pieces import RIGHT_TO_CONTACT, IntentRule, rule


def alt(*tables: tuple[str, ...]) -> str:
    """One alternation of every entry, longest first (so "you guys" wins over "you")."""
    entries = sorted({entry for table in tables for entry in table}, key=lambda entry: (-len(entry), entry))
    return "(?:" + "|".join(entries) + ")"


def last_words(*tables: tuple[str, ...]) -> str:
    """The last word of every entry ("a lot" -> "lot"): rarer than the first, so a better `needs` group."""
    return " ".join(sorted({entry.split()[-1] for table in tables for entry in table}))


def first_words(*tables: tuple[str, ...]) -> str:
    """The first word of every entry: what a rule's `needs` group may test."""
    return " ".join(sorted({entry.split()[0] for table in tables for entry in table}))


# Who sends the texts, as the writer names them.
SENDERS = (
    "you", "u", "ya", "yall", "you guys", "u guys", "you people", "you all", "your company", "your team",
    "your store", "your business", "this company", "these people", "this number", "they", "yous",
)  # fmt: skip
# Sending, in every form a complaint uses it.
SENDING = (
    "texting", "txting", "texing", "messaging", "msging", "sending", "contacting", "spamming", "hitting me up",
    "blowing up my phone", "bothering", "bugging", "pestering", "harassing",
)  # fmt: skip
SEND_BASE = ("text", "txt", "message", "msg", "send", "contact", "spam", "bother", "bug", "sms")
# What is sent, and pronouns for it.
SENT = (
    "texts", "txts", "text messages", "messages", "msgs", "sms", "reminders", "alerts", "notifications",
    "promos", "promotions", "deals", "offers", "ads", "updates", "notices", "spam",
)  # fmt: skip
THESE = ("these", "them", "those", "this", "your texts", "your messages", "more")
INTENSIFIERS = (
    "so", "sooo", "really", "very", "super", "mad", "hella", "too", "kinda", "extremely", "incredibly",
    "seriously", "way", "beyond", "getting", "becoming", "honestly", "just", "quite", "pretty", "literally",
)  # fmt: skip
# Only words that are never praise ("these deals are crazy" may be).
COMPLAINT_ADJ = (
    "annoying", "irritating", "ridiculous", "excessive", "obnoxious", "intrusive", "invasive", "relentless",
    "unbearable", "aggravating", "frustrating", "overwhelming", "too much", "a lot", "out of control",
    "a nuisance", "harassment", "spam", "spammy", "nonstop", "endless", "never ending", "exhausting",
    "a pain", "unwanted", "unwelcome", "bothersome", "pointless", "useless",
)  # fmt: skip
COUNTS = (
    r"\d+", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "dozens", "hundreds",
)  # fmt: skip
PERIODS = (
    "day", "days", "week", "weeks", "hour", "hours", "morning", "month", "months", "night", "weekend",
    "today", "afternoon", "evening", "tonight", "minutes", "row",
)  # fmt: skip
# "this number is not to receive", "I do not wish to be texted".
MODALS = (
    "is not to", "should not", "shouldnt", "must not", "mustnt", "does not wish to",
    "doesnt wish to", "do not wish to", "dont wish to", "no longer wishes to", "no longer wish to",
    "wishes not to", "wish not to", "is not meant to", "is not supposed to", "is not authorized to",
    "is not allowed to", "would rather not", "prefers not to", "prefer not to", "is no longer to",
    "should no longer",
)  # fmt: skip
MODAL_VERBS = ("receive", "get", "accept", "be texted", "be messaged", "be contacted", "be sent", "be spammed")
RECIPIENTS = (
    "this number", "this phone", "this cell", "this line", "my number", "my phone", "my cell", "this device",
    "the number", "this mobile", "my mobile", "i", "we", "this account",
)  # fmt: skip
# The writer is finished with the texts ("I'm good on the texts"; "good with" is consent, never here).
DONE_ON = ("good", "all good", "set", "all set", "straight", "ok", "okay", "fine", "cool")
DONE_WITH = ("done", "through", "finished", "over it", "sick", "tired", "fed up")
I_AM = ("im", "i am", "i m", "were", "we are", "ill be", "i will be", "ive been", "i have been")
# Slang and typed forms of "I don't".
I_DONT = ("ion", "iont", "i dnt", "i dun", "i don", "idont", "idnt", "i do not", "i dont", "we dont", "we do not")
_I_DONT_WORDS = "ion iont dnt dun don idont idnt not dont"  # a word of every I_DONT form, never "i"
WANT = ("want", "wanna", "need", "wish to get", "want to get", "want to receive", "need to get")
# Third parties a kid or a device keeps off the phone ("my kid won't get off my phone").
_NOT_OURS = r"\b(?:cant|cannot|can not|couldnt|to|never|wont|he|she|they|kids?|son|daughter|husband|wife)\s(?:\w+\s)?$"
_SENDER_NOT_I = r"\b(?:he|she|they|it|his|her|my (?:son|daughter|mom|dad|wife|husband|friend|boss|ex))\s(?:\w+\s)?$"

_S = alt(SENDERS)
# After the sending verb: the writer or the texts, then nothing about an order ("sending me the wrong size").
_AT_ME = (
    r"(?=\s*(?:$|,|\s(?:me|us|this number|my phone|my number)(?=\s*(?:$|,|\s(?:so|every|all|at|when|after|even"
    r"|these|this|texts|messages|stuff|crap|spam|ads|promos|things|junk|nonsense|anymore|again|for|like)\b))"
    r"|\s(?:these|those|this|texts|messages|stuff|crap|spam|ads|promos|junk)\b))"
)
_SEND = alt(SENDING)
_SENT = alt(SENT)
_SENT_WORDS = first_words(SENT) + " text"
_CONSENT = (
    r"(?:ok|okay|permission|consent|approval|authorization|authorisation|go ahead|blessing|agreement)\b"
    r"(?!\s(?:slip|form|forms|slips))"
)
# What a list may be called before "list" ("the texting list", not "the guest list").
LIST_KINDS = ("text", "texting", "sms", "mailing", "contact", "call", "marketing", "email", "promo", "message",
              "messaging", "distribution", "subscriber", "alert", "alerts", "vip", "customer", "txt")  # fmt: skip
_LIST_KIND = alt(LIST_KINDS)

# Channels a writer may ask for instead of texts.
CHANNELS = (
    "call", "call me", "phone", "phone me", "email", "e mail", "email me", "mail", "letter", "letters", "ring me",
    "write", "calls", "phone calls", "a call", "voicemail", "my email", "my landline", "the landline",
)  # fmt: skip
TEXT_NOUNS = ("texts", "txts", "text messages", "sms", "texting", "msgs", "messages", "text", "sms messages")
# "texting isn't for me": the writer's view of texting as a way to be reached.
NOT_FOR_ME = (
    "for me", "my thing", "good for me", "working for me", "work for me", "ideal", "convenient", "the best way",
    "a good way", "how i communicate", "something i use", "something i do", "an option", "for us",
)  # fmt: skip
# The number changing hands ("this number was reassigned to me").
HANDED_OVER = ("reassigned", "recycled", "reissued", "reallocated", "given to me", "assigned to me", "transferred to me",
               "ported to me", "passed to me", "issued to me")  # fmt: skip
NOT_ME = ("isnt me", "is not me", "aint me", "not me", "isnt here", "is not here", "doesnt live here",
          "does not live here", "isnt at this number", "is not at this number", "has a different number")  # fmt: skip
# Who a writer says they are not, to the sender.
ROLES = ("customer", "client", "patient", "member", "student", "subscriber", "account holder", "guest", "tenant",
         "contact", "donor", "voter", "lead")  # fmt: skip
COVERAGE_RULES: tuple[IntentRule, ...] = (
    rule(
        "why the sender still sends",
        "en",
        r"\b(?:why|how come|y|wtf|why tf|why the hell)\s(?:are|r|do|does|is|did|would|must)\s"
        + _S
        + r"\s(?:\w+\s)?(?:still|keep|keeps|continue to|always|constantly|even|insist on|persist in)\s(?:"
        + _SEND
        + "|"
        + alt(SEND_BASE)
        + r")"
        + _AT_ME
        # the writer still receiving: "why do I keep getting these every week"
        + r"|\b(?:why|how come|y)\s(?:do|am|does|did|must)\s(?:i|we)\s(?:still\s|always\s|constantly\s)?(?:keep\s)?"
        r"(?:getting|receiving|get|receive)\s(?:these|them|those|all these|so many|(?:your|ur|the)\s(?:\w+\s)?"
        + _SENT
        + r")\b",
        needs=("why how y wtf", "still keep keeps continue always constantly even insist persist"),
        negatable=False,
        confidence=0.9,
        family="complaint",
        key=0,
    ),
    rule(
        "asked before to stop",
        "en",
        r"\b(?:i|we|ive|i have|i ve|weve|i already|i literally)\s(?:already\s|literally\s|just\s|even\s|have\s)*"
        r"(?:asked|told|requested|said|replied|texted|begged)\s(?:you\s|u\s|yall\s|you guys\s|your company\s"
        r"|ya\s)?(?:already\s|before\s|twice\s|many times\s|multiple times\s|several times\s)?(?:to\s|for\s)?"
        r"(?:please\s)?(?:be\s|get\s)?(?:stop(?=\s*(?:$|,|\s(?:texting|txting|messaging|sending|contacting|it|these"
        r"|them|this|please|pls|already|and|but|so|the texts|the messages)\b))|removed|taken off|take me off|remove me|unsubscribe|unsubscribed"
        r"|opt out|opted out|opt me out|not to (?:text|contact|message)|no more|off the list|off your list)\b"
        r"(?!\s(?:by|in|at|over|for))",
        needs=(
            "asked told requested said replied texted begged",
            "stop removed taken take remove unsubscribe unsubscribed opt opted not no off",
        ),
        confidence=0.9,
        family="complaint",
        key=1,
    ),
    rule(
        "the texts called annoying",
        "en",
        r"\b(?:these|your|ur|the|this|all these|all the|all your|so many|all this|ur damn|these damn)\s"
        r"(?:\w+\s)?(?:" + _SENT + r"|texting|messaging|txting)\s(?:are|r|is|s|have been|been|get|are getting"
        r"|is getting|were|keep being)\s(?:"
        + alt(INTENSIFIERS)
        + r"\s){0,2}"
        + alt(COMPLAINT_ADJ)
        + r"\b(?!\s(?:better|cheaper|nicer|more|of|funnier|cooler|easier|less))",
        needs=(_SENT_WORDS + " texting messaging txting", last_words(COMPLAINT_ADJ)),
        confidence=0.85,
        family="complaint",
    ),
    rule(
        "a count of texts in a period",
        "en",
        r"\b" + alt(COUNTS) + r"\s(?:\d+\s)?(?:more\s)?(?:\w+\s)?(?:" + _SENT + r"|of these|of them|of your texts"
        r"|of those)\s(?:(?:in|a|per|every|each|this|since|within|in one|in a|in the last|in just|before)\s)?"
        r"(?:(?:\d+|one|two|three|a|an|the|single|same|past|last)\s)?"
        + alt(PERIODS)
        + r"\b(?!\s(?:is|are|would be|will be|sounds|works|seems)\s(?:fine|ok|okay|good|great|perfect)\b)",
        needs=(_SENT_WORDS + " these them those", " ".join(PERIODS)),
        unless=r"\b(?:send|sending|want|prefer|only|rather|limit|max|most|up to|instead of|sent|texted|i send|wrote"
        r"|get me|give me|just want|expect|will receive|youll receive|will get|youll get|recurring|approx)\s(?:\w+\s){0,3}$",
        confidence=0.85,
        family="complaint",
        key=0,
    ),
    rule(
        "why the writer is on the list",
        "en",
        r"\b(?:why|how)\s(?:am|is|are|did|was|do)\s(?:i|me|my number|my phone|this number|my name|my info"
        r"|my cell|we)\s(?:still\s|even\s)?(?:on|added to|signed up for|subscribed to|put on|get on|end up on"
        r"|getting on|get added to)\s(?:this|your|the|ur|a|any|these)\s(?:"
        + _LIST_KIND
        + r"\s)?(?:list|lists|program|thing"
        r"|" + _SENT + r")\b",
        needs=("why how", "list lists program thing " + _SENT_WORDS),
        negatable=False,
        confidence=0.85,
        family="complaint",
        key=0,
    ),
    rule(
        "asks that texts no longer be sent",
        "en",
        r"\bno longer\s(?:send|sent|text|texted|txt|message|messaged|contact|contacted|spam|reach out to|sms"
        r"|bother)\s(?:me|us|this number|this phone|my number|my phone|anything|anymore|texts|messages|sms"
        r"|notifications|updates|promos|any (?:more\s)?(?:texts|messages))\b",
        needs=("longer",),
        unless=_SENDER_NOT_I,
        confidence=0.9,
        family="request",
    ),
    rule(
        "does not want the texts (slang and typed forms)",
        "en",
        r"\b" + alt(I_DONT) + r"\s" + alt(WANT) + r"\s(?:to\s(?:get|receive|see)\s)?(?:any\s|anymore\s|no\s"
        r"|more\s|any more\s)?(?:these|those|this|your|ur|the|any|all these|yall|y all|all this|all your|no)\s"
        r"(?:\w+\s)?" + _SENT + r"\b(?!\s(?:to stop|to end|stopping|ending|to go away|to be over))",
        needs=(_I_DONT_WORDS, "want wanna need wish", _SENT_WORDS),
        negatable=False,
        confidence=0.9,
        family="request",
    ),
    rule(
        "this number is not to receive texts",
        "en",
        r"\b"
        + alt(RECIPIENTS)
        + r"\s"
        + alt(MODALS)
        + r"\s(?:any\s|further\s|be\s)?"
        + alt(MODAL_VERBS)
        + r"\s(?:any\s|further\s|these\s|your\s|marketing\s|more\s|such\s)*(?:(?:text|sms|marketing|promotional)\s)?"
        r"(?:" + _SENT + r"|communications|communication|anything|texts from you|messages from you)\b"
        r"|\b" + alt(RECIPIENTS) + r"\s" + alt(MODALS) + r"\sbe\s(?:texted|messaged|contacted|sent texts|spammed)\b",
        needs=(
            "not shouldnt mustnt doesnt dont longer wishes wish wont rather prefers prefer",
            "receive get accept be",
            _SENT_WORDS + " communications communication anything texted messaged contacted spammed",
        ),
        key=2,
        negatable=False,
        confidence=0.9,
        family="request",
    ),
    rule(
        "leave me off the list",
        "en",
        r"\b(?:leave|keep)\s(?:me|us|my number|this number|my name|my info)\s(?:off|out of)\s(?:of\s)?"
        r"(?:the\s|your\s|ur\s|this\s|any\s|all\s|these\s)?(?:"
        + _LIST_KIND
        + r"\s)?(?:list|lists|texts|"
        + _SENT
        + r"|mailing list|contacts|database|system)\b"
        r"|\bopt\s(?:me|us|my number|this number|this phone|my phone|my cell)\sout\b",
        needs=("leave keep opt", "off out"),
        family="request",
    ),
    rule(
        "done with the texts",
        "en",
        r"\b"
        + alt(I_AM)
        + r"\s(?:so\s|really\s|totally\s|officially\s)?(?:"
        + alt(DONE_ON)
        + r")\s(?:on|without)\s(?:the\s|these\s|your\s|ur\s|all\s|all these\s|all the\s|those\s|any\s|more\s)?"
        r"(?:\w+\s)?(?:" + _SENT + r"|texting)\b"
        r"|\b"
        + alt(I_AM)
        + r"\s(?:so\s|really\s|totally\s|officially\s)?(?:"
        + alt(DONE_WITH)
        + r")\s(?:with|of)\s(?:the\s|these\s|your\s|ur\s|all\s|all these\s|all the\s|those\s|getting\s)?"
        r"(?:\w+\s)?(?:" + _SENT + r"|texting)\b",
        needs=(
            _SENT_WORDS + " texting",
            "on without with of",
            "good set straight ok okay fine cool done through finished over sick tired fed",
        ),
        key=0,  # the texts: the other words are everyday ones
        confidence=0.85,
        family="no object",
    ),
    rule(
        "the writer unsubscribes",
        "en",
        r"\b(?:im|i am|i m|were|we are|i will|ill|i ll|gonna|going to|about to)\s(?:now\s|just\s|officially\s"
        r"|hereby\s|finally\s)?(?:unsubscribing|opting out|unsubscribe|opt out)"
        # ... alone, with courtesy words, or of the texts ("I'm opting out of the trip" is no request)
        r"(?=\s*(?:$|,|\s(?:now|please|pls|thanks|frfr|fr|lol|bye|bro|asap|today|of (?:this|these|it|them|all"
        r"|everything|your|ur|the (?:texts|list|messages|alerts))|from (?:this|these|it|them|your|ur|all"
        r"|the (?:texts|list|messages|alerts)))\b))",
        needs=("unsubscribing opting unsubscribe opt",),
        prefixed=True,
        family="no object",
    ),
    rule(
        "get off my phone",
        "en",
        r"\bget\s(?:off|out of|outta)\s(?:my|this)\s(?:phone|line|cell|inbox|dms|case|back|number)\b",
        needs=("get", "off out outta", "phone line cell inbox dms case back number"),
        key=1,
        unless=_NOT_OURS,
        confidence=0.9,
        family="dismissal",
    ),
    rule(
        "consent not given, in other words",
        "en",
        r"\b(?:dont|do not|didnt|did not|never|no longer)\s(?:have|had|got)\s(?:my|our)\s"
        + _CONSENT
        + r"|\b(?:dont|do not|didnt|did not|never|no longer)\s(?:give|gave|given|grant|granted)\s(?:you\s|u\s|yall\s)?"
        r"(?:my|our|any)\s"
        + _CONSENT
        + r"|\bwho\s(?:gave|said)\s(?:you|u|yall)\s(?:the\s)?(?:ok|okay|go ahead|approval|authorization|"
        + RIGHT_TO_CONTACT
        + r")\b",
        needs=(
            "dont not didnt never longer who",
            "ok okay permission consent approval authorization authorisation ahead blessing agreement right",
        ),
        key=0,
        negatable=False,
        confidence=0.9,
        family="consent",
    ),
    rule(
        "no texts, another channel only",
        "en",
        r"(?:^|,\s)(?:no|not)\s(?:more\s)?" + alt(TEXT_NOUNS) + r"\s(?:please\s|pls\s|plz\s|thanks\s)?(?:just|only"
        r"|instead|rather|but|use|try)\s(?:(?:a|an|my)\s)?" + alt(CHANNELS) + r"\b"
        r"|\b" + alt(TEXT_NOUNS) + r"\s(?:is not|isnt|are not|arent|dont|doesnt|do not|does not|just isnt|really isnt"
        r"|just doesnt|is never|isnt really)\s(?:really\s)?" + alt(NOT_FOR_ME) + r"\b",
        needs=(
            "no not isnt arent dont doesnt",
            "texts txts text sms texting msgs messages",
            "call phone email mail letter letters ring write calls voicemail landline for thing ideal convenient best way "
            "communicate something option working work",
        ),
        negatable=False,
        confidence=0.9,
        family="channel",
    ),
    rule(
        "the number has changed hands",
        "en",
        r"\b(?:this|the)\s(?:phone\s|cell\s)?(?:number|line|num)\s(?:was|got|has been|have been|is|was just"
        r"|just got|recently got)\s(?:just\s|recently\s)?" + alt(HANDED_OVER) + r"\b"
        r"|\b(?:i|we)\s(?:just|recently|only)\s(?:got|received|was given|were given|bought|inherited|acquired|took over"
        r"|got assigned|switched to)\s(?:this|the)\s(?:phone\s|cell\s)?(?:number|num|line)\b",
        needs=(first_words(HANDED_OVER) + " just recently only", "number line num"),
        negatable=False,
        confidence=0.9,
        family="wrong owner",
        key=1,
    ),
    rule(
        "not the one they are looking for",
        "en",
        r"\bwhoever\s(?:you|u|youre|ur|you are)\s(?:looking for|trying to reach|trying to text|texting|want|after"
        r"|trying to get|are looking for|re looking for|meant)\s(?:\w+\s)?" + alt(NOT_ME) + r"\b"
        r"|\b(?:im|i am|i m)\s(?:not|never been)\s(?:your|ur|one of your)\s" + alt(ROLES) + r"\b",
        needs=(first_words(ROLES) + " whoever", "not never whoever"),
        negatable=False,
        confidence=0.9,
        family="wrong owner",
        key=1,
    ),
    rule(
        "stop texting this phone",
        "en",
        r"\b(?:stop|quit|cease|dont|do not|no more|pls stop|please stop)\s(?:" + _SEND + r")\s(?:to\s)?(?:the|my|this"
        r"|that)\s(?:cell|cellphone|cell phone|phone|mobile|line|device|handset|number|cell number)\b",
        needs=("stop quit cease dont not more", "cell cellphone phone mobile line device handset number"),
        family="request",
    ),
)
