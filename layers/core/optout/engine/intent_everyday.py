"""English kinds written from the errors of the sixth dev batch, read after intent_kinds.py:
"no more" or "don't send" closed by courtesy words ("no more plz k thx", "dont send nothin
else"), "cease" alone, "should no longer receive", removal of a number or in the past tense
("if you removed me from your list"), idioms of dismissal ("kick rocks", "blocked and reported",
"leave this number alone", "give it a rest"), weariness of the texts ("tired of this nonstop
texting"), a line being hit up, and consent denied in other words ("who signed me up?", "nobody
gave you permission", "I didn't give you my number to be spammed").
"""

from __future__ import annotations

from optout.engine.intent_pieces import IntentRule, rule

# Courtesy and reinforcing words that may close a short request.
_CLOSE = (
    r"(?:\s(?:please|pls|plz|plez|k|kk|ok|okay|thx|thanks|thank you|ty|tyvm|now|asap|lol|bro|man|dude|bye"
    r"|ever|again|already|anymore|thank u|seriously|for real|fr))*(?=\s*$)"
)
_SENT = r"(?:texts?|texting|txts?|txting|messages?|msgs?|sms|spam|spamming|promos?|promotions|ads|notifications|alerts)"
_END = r"(?=\s*(?:$|,|\s(?:please|pls|plz|now|asap|anymore|thanks|thank you|thx|ty|already|to me|to this number|somehow)\b))"
_SENT_WORDS = "text texts texting txt txts txting message messages msg msgs sms spam spamming promo promos promotions ads notifications alerts"

EVERYDAY_RULES: tuple[IntentRule, ...] = (
    rule(
        "no more, closed by courtesy words",
        "en",
        r"(?:^|,\s|"
        + "|".join(
            f"(?<=\\b{w} )" for w in ("enough", "done", "good", "ok", "okay", "nah", "please", "pls", "thanks", "you")
        )
        + r")no more"
        + _CLOSE,
        needs=("more",),
        negatable=False,
        unless=r"\b(?:there|have|has|had|got|any|were|is|are|want|need)\s$",
        confidence=0.85,
        family="no object",
    ),
    rule(
        "don't send anything more",
        "en",
        r"\b(?:dont|do not|pls dont|please dont|stop|quit)\s(?:send|sending|text|txt|texting|message|messaging)"
        r"\s(?:me\s|us\s)?(?:anymore|any more|nothing else|nothin else|anything else|anything more|no more|more)"
        + _CLOSE,
        needs=("dont not stop quit", "send sending text txt texting message messaging"),
        negatable=False,
        family="no object",
    ),
    rule(
        "cease alone",
        "en",
        r"^(?:please\s|pls\s|kindly\s)?cease(?:\sand\sdesist)?(?:\s(?:now|immediately|please|pls|all|this))*$",
        needs=("cease",),
        negatable=False,
        confidence=0.85,
        family="no object",
    ),
    rule(
        "a remove standing as a sentence of its own",
        "en",
        r",\s(?:please\s|pls\s|just\s)?remove(?:\s(?:me|us|it|please|pls|now|asap|thanks))*$",
        needs=("remove",),
        negatable=False,
        confidence=0.8,
        family="no object",
    ),
    rule(
        "no contact",
        "en",
        r"^(?:no|zero)\s(?:contact|contacting|solicitation|solicitations)" + _CLOSE,
        needs=("contact contacting solicitation solicitations",),
        negatable=False,
        confidence=0.85,
        family="no object",
    ),
    rule(
        "should no longer receive",
        "en",
        r"\b(?:should|must|will|shall|wish to|want to|like to|to|can|may)\s(?:\w+\s)?no longer\s(?:receive|get|be sent"
        r"|be contacted|be texted|be messaged)\b",
        needs=("longer", "receive get sent contacted texted messaged"),
        negatable=False,
        family="request",
    ),
    rule(
        "removes a number or a person, also in the past tense",
        "en",
        r"\b(?:if you|could you|would you|can you|you can|you could|please|pls|plz|kindly|just)?\s?"
        r"(?:removed|remove|deleted|delete|took|take)\s(?:(?:me|us|my number|this number)\s|(?:\d+\s){1,4})"
        r"(?:off|from|out of)\s(?:of\s)?(?:your|the|all|this|ur|yr)\s(?:\w+\s)?(?:list|lists|system|database"
        r"|records|contacts)\b",
        needs=("removed remove deleted delete took take", "list lists system database records contacts"),
        family="request",
    ),
    rule(
        "an idiom of dismissal",
        "en",
        r"\b(?:kick rocks|take a hike|piss off|bugger off|shove off|sod off|bug off|buzz off|back off|naff off"
        r"|fck off|fk off|fuk off|f off|eff off)\b"
        r"|\bleave\s(?:this|my)\s(?:number|phone|line|cell|phone number)\s(?:alone|be)\b"
        r"|\bgive it a rest\b",
        needs=(
            "kick take piss bugger shove sod bug buzz back naff fck fk fuk f eff leave give",
            "rocks hike off alone be rest",
        ),
        # "get this dude to piss off", "told him to back off": said of someone else
        unless=r"\b(?:to|him|her|them|he|she|they|dude|guy|should|told|tell|make)\s(?:\w+\s)?$",
        confidence=0.85,
        family="threat",
    ),
    rule(
        "blocked and reported",
        "en",
        r"\b(?:blocked|blocking)\s(?:and|n|&)\s(?:reported|reporting)\b|\b(?:reported|reporting)\s(?:and|n|&)\s"
        r"(?:blocked|blocking)\b"
        r"|\b(?:im|i am|i will|ill|gonna|going to|about to)\s(?:\w+\s)?(?:block|blocking)\s(?:you|u|yall|this number"
        r"|your number|this)(?=\s*(?:$|,|\s(?:now|then|too|if|unless|and|forever)\b))",
        needs=("blocked blocking block",),
        negatable=False,
        confidence=0.85,
        family="threat",
    ),
    rule(
        "weary of the texts",
        "en",
        r"\b(?:tired|sick|fed up|sick and tired)\s(?:of|with)\s(?:\w+\s){0,3}?" + _SENT + r"\b",
        needs=("tired sick fed", _SENT_WORDS),
        unless=r"\b(?:not|never|wont|arent|isnt)\s(?:\w+\s)?$",
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "keeps hitting up the line",
        "en",
        r"\b(?:keep|keeps|kept|stop|quit|always|constantly)\s(?:on\s)?(?:hitting|hittin|blowing|blowin)\s(?:up\s)?"
        r"(?:my|this|our)\s(?:line|phone|cell|inbox|number|dms?)\b",
        needs=("keep keeps kept stop quit always constantly", "hitting hittin blowing blowin"),
        negatable=False,  # "why do u keep ...": the question word is no negation here
        unless=r"\b(?:dont|do not|never|didnt|wont)\s(?:\w+\s)?$",
        confidence=0.85,
        family="complaint",
    ),
    rule(
        "consent never given",
        "en",
        r"\b(?:have not|havent|never|did not|didnt)\s(?:ever\s)?(?:consented|authorized|authorised)\b",
        needs=("consented authorized authorised",),
        negatable=False,
        confidence=0.85,
        family="consent",
    ),
    rule(
        "asks who signed them up",
        "en",
        r"^(?:\w+\s)?who\s(?:signed|subscribed|added|put|enrolled)\s(?:me|us|my number|this number)\s(?:up|in|on)"
        r"(?:\sfor\s(?:this|these|that|texts|your texts|this list|this crap|this spam))?(?=\s*(?:$|,))",
        needs=("signed subscribed added put enrolled", "who"),
        negatable=False,
        confidence=0.85,
        family="consent",
    ),
    rule(
        "no permission given",
        "en",
        r"\b(?:nobody|no one|noone|i never|i didnt|i did not)\s(?:ever\s)?(?:gave|give|has given|given)\s(?:you|u|yall"
        r"|your company)\s(?:my\s)?(?:permission|consent|the right|the ok)\b"
        r"|\b(?:didnt|did not|never)\s(?:give|gave)\s(?:you|u|yall)\s(?:my|this)\s(?:number|cell|phone number)\s"
        r"(?:to|so|for)\s(?:be\s|get\s)?(?:spammed|texted|harassed|spam|marketing|ads)\b",
        needs=("gave give given", "permission consent right ok spammed texted harassed spam marketing ads"),
        negatable=False,
        confidence=0.85,
        family="consent",
    ),
    rule(
        "stops what is sent, named by a pronoun",
        "en",
        r"\b(?:stop|quit|cease)\s(?:sending|texting|messaging|sendin)\s(?:me\s|us\s)?(?:all\s)?(?:of\s)?"
        r"(?:these|those|them|this|that|it)" + _END,
        needs=("stop quit cease", "sending texting messaging sendin"),
        family="request",
    ),
    rule(
        "opts out of them, named by a pronoun",
        "en",
        r"\b(?:opt|opted)\sout\sof\s(?:all\s)?(?:of\s)?(?:these|those|them|this|it)" + _END,
        needs=("opt opted", "out"),
        family="request",
    ),
    rule(
        "removes the phone or the details",
        "en",
        r"\b(?:remove|delete|take|erase)\s(?:my|this)\s(?:cell|phone|line|mobile|cell phone|contact|contact info|info"
        r"|information|details|digits)\s(?:from|off)\b",
        needs=("remove delete take erase", "cell phone line mobile contact info information details digits"),
        family="request",
    ),
    rule(
        "does not want to get the messages",
        "en",
        r"\b(?:dont|do not|no|dnt|doesnt)\s(?:wanna|want to|wish to|need to)\s(?:get|receive|see|be getting|keep getting)"
        r"\s(?:(?:any|these|your|the|more|ur|those|all|of|this)\s){0,3}(?:\w+\s)?<NOUN>\b",
        needs=("wanna want wish need", "get receive see getting", "@NOUN"),
        negatable=False,
        family="request",
    ),
    rule(
        "enough or easy with the messages",
        "en",
        r"\b(?:chill|enough|easy|ease up)\s(?:with|on)\s(?:all\s)?(?:the|these|your|ur|those|all|this)\s(?:\w+\s)?"
        r"<NOUN>\b",
        needs=("chill enough easy ease", "@NOUN"),
        confidence=0.85,
        family="complaint",
    ),
    rule(
        "asks how many more they will send",
        "en",
        r"\bhow many\s(?:more\s)?(?:of these|of them|texts|messages|msgs|txts)\s(?:\w+\s){0,3}?(?:send|sending|text"
        r"|texting)\b",
        needs=("how", "many", "send sending text texting"),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "no further contact needed",
        "en",
        r"\bno\s(?:further|more)\s(?:contact|communication|communications|outreach)\s(?:is\s)?(?:needed|necessary"
        r"|required|wanted|please|pls|thanks)\b",
        needs=("further more", "contact communication communications outreach"),
        negatable=False,
        confidence=0.85,
        family="no object",
    ),
)

# Read before every other rule: a death with a request to take the person off, which the
# rules of a death alone would leave to a person ("my dad passed, please take him off").
DEATH_RULES: tuple[IntentRule, ...] = (
    rule(
        "a death, with the person to be taken off",
        "en",
        r"\b(?:passed away|passed|died|deceased)\b(?:\s\w+){0,5}?\s(?:,\s)?(?:please\s|pls\s|kindly\s|so\s)?"
        r"(?:take|remove|delete)\s(?:him|her|them|his number|her number|their number)\b"
        r"|\b(?:passed away|passed|died|deceased)\b(?:\s\w+){0,5}?\s(?:,\s)?(?:he|she|they)\s(?:wont|will not|doesnt"
        r"|does not|dont)\s(?:be needing|need)\s(?:these|them|this|the texts|your texts|texts|reminders)\b",
        needs=("passed died deceased", "take remove delete wont will doesnt does dont"),
        negatable=False,
        confidence=0.9,
        family="wrong owner",
    ),
)
