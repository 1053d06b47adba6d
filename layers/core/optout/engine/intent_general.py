"""English rules written for kinds of phrasing rather than sentences: cue combinations such as a
stop verb with any messaging word, a negation with a contact verb, "no more"/"no further" with a
messaging noun, a question word with a stop phrase, a channel word with a contrast word, a
keyword standing as a sentence of its own ("Annoying. Stop."). Read after intent_rules.py and
intent_families.py, so the more specific rules name a match first.
"""

from __future__ import annotations

from optout.engine.intent_pieces import RIGHT_TO_CONTACT, IntentRule, rule

# Anything a business sends by text, beyond <NOUN> (intent_pieces.py).
_SENT = (
    r"(?:<NOUN>|coupons?|discounts?|specials|newsletters?|surveys?|polls?|flyers?|drops|blasts"
    r"|links|pings|contact|communication|messaging|texting|crap|junk)"
)
_SENT_WORDS = (
    "@NOUN coupon coupons discount discounts specials newsletter newsletters survey surveys poll polls"
    " flyer flyers drops blasts links pings contact communication messaging texting crap junk"
)
_CLAUSE_END = r"(?=\s*(?:$|,))"
_COURTESY = r"(?:\s(?:please|pls|plz|now|thanks|thank you|thx|ty|already|ok|bye|asap|immediately))*"
_PERSON = r"(?:me|us|this number|my number|this phone|my phone|this cell|my cell)"

GENERAL_RULES: tuple[IntentRule, ...] = (
    rule(
        "a stop verb with what is sent",
        "en",
        r"\b(?:stop|quit|cease|end|halt|lay off|knock off|cut out|cut off|kill|pause|turn off"
        r"|shut off|get rid of)\s(?:(?:sending|giving|texting)\s(?:me\s|us\s)?)?(?:(?:the|these|this"
        r"|those|your|ur|all|all the|all these|any|all of the)\s)(?:[a-z]+\s){0,2}" + _SENT + r"\b"
        r"(?!\s(?:emails?|e mails?|mails?|calls?|letters|post|in the mail|by mail|by email)\b)",
        needs=("stop quit cease end halt lay knock cut kill pause off rid", _SENT_WORDS),
        confidence=0.9,
    ),
    rule(
        "no more or no further with what is sent",
        "en",
        r"\b(?:no more|no further|nothing more|no other)\s(?:[a-z]+\s)?(?:<NOUN>|coupons|discounts"
        r"|specials|newsletters|surveys|contact|communication|messaging|texting)\b"
        r"(?:\s(?:to|on|for)\s"
        + _PERSON
        + r")?"
        + _COURTESY
        + _CLAUSE_END
        # "no more" alone must end the message: "no more, I'm full" is about food.
        + r"|(?:^|,\s)(?:please\s|pls\s|ok\s|okay\s|enough already\s|enough\s)?(?:no more|nomore)"
        + _COURTESY
        + r"$",
        needs=("more further nomore other",),
        negatable=False,
        confidence=0.85,
        family="no object",
    ),
    rule(
        "refrains from contacting",
        "en",
        r"\b(?:refrain|abstain|desist)\sfrom\s(?:contacting|texting|messaging|sending|calling|emailing"
        r"|reaching)\b",
        needs=("refrain abstain desist",),
        negatable=False,
        confidence=0.9,
        family="no object",
    ),
    rule(
        "would rather not be contacted",
        "en",
        r"\b(?:rather|prefer|prefer to|wish to|like to)\snot\s(?:to\s)?(?:be\s)?(?:(?:receive|get|getting"
        r"|receiving|be sent|hear)\s(?:these|this|them|any|your|more|texts|messages|<NOUN>)\b"
        r"|(?:texted|messaged|contacted)\b)",
        needs=("rather prefer wish like", "not"),
        negatable=False,
        confidence=0.9,
        family="no object",
    ),
    rule(
        "asks not to bother texting",
        "en",
        r"\b(?:dont|do not|pls dont|please dont|no need to)\sbother\s(?:texting|messaging|contacting"
        r"|sending|calling|reaching out)\b",
        needs=("bother", "texting messaging contacting sending calling reaching"),
        negatable=False,
        confidence=0.9,
        family="no object",
    ),
    rule(
        "asks whether they could not text",
        "en",
        r"\b(?:can|could|would|will)\s(?:you|u|yall|ya)\s(?:please\s|pls\s|plz\s|kindly\s|just\s)?"
        r"(?:not|never)\s(?:text|txt|message|msg|contact|send|sms|call)\s(?:me|us|this number)\b"
        r"|\b(?:dont|do not|never)\s(?:text|txt|message|contact)\s(?:this|here)\s(?:again|anymore"
        r"|any more|ever again)\b",
        needs=("not never dont", "text txt message msg contact send sms call"),
        negatable=False,
        confidence=0.9,
        family="no object",
    ),
    rule(
        "an opt-out keyword as a sentence of its own",
        "en",
        # "Annoying. Stop.", "This is the 3rd time I've asked. STOP.", "STOP!!! koniec z tym".
        r"(?:^|,\s)(?:(?:so|just|now|please|pls|ok|okay|seriously|again|i said|for real)\s)?"
        r"(?:stop\s){0,3}(?:stop|stop it|stop now|stop please|stop this|unsubscribe|unsub|opt out"
        r"|stop texting)(?:\s(?:please|pls|plz|now|already|thanks|thank you|thx))?\s*,"
        r"(?!\s*(?:i|im|ill|ive|id|we|you|u|youre|ur|thats|that|its|it|lol|haha|lmao|please dont|help"
        r"|info|j|jai|je|il|ich|yo|wait|hold on)\b)"
        r"|,\s(?:(?:so|just|now|please|pls|ok|okay|seriously|again|i said|for real)\s)?"
        r"(?:stop\s){0,3}(?:stop|stop it|stop now|stop please|unsubscribe|unsub|opt out|stop texting)"
        # English STOP with another language's particle: "stop na", "stop na po", "stop yaar".
        r"(?:\s(?:na|po|na po|yaar|bas|bitte|svp|ya|la))?"
        r"(?:\s(?:please|pls|plz|now|already|thanks|thank you|thx))?$",
        needs=("stop unsubscribe unsub opt",),
        negatable=False,
        confidence=0.8,
    ),
    rule(
        "asks how to stop them",
        "en",
        r"\b(?:how|how do|how can|how would|how does one|can|could|may|is there (?:a|any) way"
        r"|whats the way|what do i (?:have to|need to|gotta) do)\s(?:i\s|we\s|you\s|u\s|one\s)?(?:to\s)?"
        r"(?:get\s)?(?:stop (?:getting|receiving|these|them|this|it|<DET><MOD><NOUN>)\b|unsub\b"
        r"|unsubscribe\b(?!\s(?:from|to)\b)|opt out\b(?!\sof\b)|get off(?: of)?(?: (?:this|these|it|them|here|your list|the list"
        r"|this list))?(?=\s*(?:$|,))|turn (?:these|them|this|it|the\s\w+|these\s\w+) off\b"
        r"|make (?:these|them|this|it|the\s\w+|these\s\w+) stop\b|block these\b|quit getting\b)",
        needs=("how can could may way whats what", "stop unsub unsubscribe opt off block quit"),
        negatable=False,
        confidence=0.85,
        family="question",
    ),
    rule(
        "reports the sender as spam",
        "en",
        r"\b(?:forward|forwarding|forwarded|reporting|report|reported|sending)\s(?:this|it|you|these)"
        r"\s(?:to\s7726|to spam|as spam|to the fcc|to the ftc)\b|\b7726\b"
        r"|^(?:blocking|blocked|reporting|reported)\s(?:you|u|this number|ur number|your number|this)\b"
        r"|\b(?:im|i am|ill|i will|gonna|going to)\s(?:\w+\s)?(?:reporting|report)\s(?:this|you|u)" + _CLAUSE_END,
        needs=("forward forwarding forwarded reporting report reported sending 7726 blocking blocked",),
        negatable=False,
        confidence=0.85,
        family="threat",
    ),
    rule(
        "threatens a complaint or gives a last warning",
        "en",
        r"\b(?:file|filing|filed|make|making|lodge|lodging)\s(?:a\s)?(?:formal\s)?complaint"
        r"\s(?:with|against|to|about)\b"
        r"|\b(?:last|final)\s(?:warning|time im asking|time i ask)\b"
        r"|\bif\si\s(?:get|receive|see)\s(?:one more|another|1 more)\s(?:text|message|msg|txt)\b",
        needs=("complaint last final if", "complaint warning time text message msg txt"),
        negatable=False,
        confidence=0.85,
        family="threat",
    ),
    rule(
        "dismisses the sender (more)",
        "en",
        r"\b(?:piss off|fuck off|f off|back off|buzz off|bugger off|get lost|go away)\swith\s"
        r"(?:these|this|the|your|ur)\b",
        needs=("off lost away", "with"),
        negatable=False,
        confidence=0.85,
        family="dismissal",
    ),
    rule(
        "dismisses the sender in a word",
        "en",
        r"^(?:just\s)?(?:beat it|scram|shoo|get out)" + _COURTESY + r"$",
        needs=("beat scram shoo out",),
        negatable=False,
        confidence=0.85,
        family="dismissal",
    ),
    rule(
        "tells them to get out of the phone",
        "en",
        r"\bget (?:outta|out of) my (?:phone|inbox|face|life|messages|texts)\b",
        needs=("outta out", "phone inbox face life messages texts"),
        negatable=False,
        confidence=0.85,
        family="dismissal",
    ),
    rule(
        "consent never given",
        "en",
        r"\bwho\s(?:gave|said|told)\s(?:(?:you|u|yall|ya)\s(?:permission|consent|its ok|the " + RIGHT_TO_CONTACT + r")"
        r"|(?:you|u|yall) could)\b"
        r"|\b(?:unconsent|unconsenting|deconsent)\b",
        needs=(
            "who unconsent unconsenting deconsent",
            "permission consent right ok could unconsent unconsenting deconsent",
        ),
        negatable=False,
        confidence=0.85,
        family="consent",
    ),
    rule(
        "never signed up for this",
        "en",
        r"\b(?:never|didnt|did not)\s(?:signed up|sign up|subscribed|subscribe|asked|agreed|opted in"
        r"|opt in)\s(?:for|to)\s(?:this|these|any of this|them|your\s(?:texts|messages|list|alerts"
        r"|service|spam))(?=\s*(?:$|,)|\s(?:crap|junk|shit|spam|stuff|garbage|nonsense|bs)\b)"
        r"|^(?:nobody|no one|noone|i never)\sasked\s(?:for\s)?(?:this|these|that|for it)\b",
        needs=("never didnt did nobody one noone", "signed sign subscribed subscribe asked agreed opted opt"),
        negatable=False,
        confidence=0.85,
        family="consent",
    ),
    rule(
        "another channel instead of texts",
        "en",
        r"\b(?:email|e mail|emails|inbox|mail|post|letters?)\b(?:\s(?:\w+|,)){0,4}\s(?:instead|rather"
        r"|than|better|not)\b(?:\s(?:\w+|,)){0,4}\s(?:texts?|texting|txts?|sms|messages|this phone|my phone"
        r"|this cell|my cell|this number)\b",
        needs=(
            "email e emails inbox mail post letter letters",
            "instead rather than better not",
            "text texts texting txt txts sms messages phone cell number",
        ),
        negatable=False,
        unless=r"\b(?:i|ill|we|will|gonna|to|can)\s$",
        confidence=0.85,
        family="channel",
    ),
    rule(
        "does not do texts",
        "en",
        r"\b(?:text|texts|texting|sms)\s(?:isnt|is not|doesnt|does not|dont|do not)\s(?:good|work"
        r"|great|ideal)\s(?:for\s(?:me|us))?\b"
        r"|\b(?:i|we)\s(?:dont|do not|never|cant|can not|cannot)\s(?:do|read|check|use|get|receive"
        r"|see)\s(?:texts|text messages|sms|txts|texting)\b",
        needs=("text texts texting sms txts", "isnt not doesnt dont never cant cannot"),
        negatable=False,
        confidence=0.85,
        family="channel",
    ),
    rule(
        "only by email or by phone",
        "en",
        r"^(?:only|just)\s(?:email|e mail|emails|mail)" + _COURTESY + r"$"
        r"|\b(?:call|phone|ring|contact)\s(?:me\s|us\s)?(?:on|at)?\s?(?:my\s|the\s)?(?:office|house"
        r"|home|work|land)\s?(?:line|phone|number|landline)?\s(?:instead|only)\b"
        r"|\b(?:by|via)\s(?:phone call|a phone call|phone calls|calls|email|e mail|mail)\sonly\b",
        needs=("only instead", "email e emails mail call phone ring contact calls"),
        negatable=False,
        unless=r"\b(?:i|ill|we|will|gonna|to|can)\s$",
        confidence=0.85,
        family="channel",
    ),
    rule(
        "counts the texts",
        "en",
        r"\b(?:[1-9]\d?(?:st|nd|rd|th)|second|third|fourth|fifth|another|yet another|one more)\s"
        r"(?:(?:damn|stupid|freaking|fucking)\s)?(?:text|message|msg|txt|sms)(?:\s(?:today|this morning"
        r"|this week|tonight|in a row|already))?(?=\s*(?:$|,))"
        r"|\b(?:[1-9]\d?(?:st|nd|rd|th)|second|third|fourth|fifth|last)\stime\s(?:ive|i have|im|i am|i)\s"
        r"(?:asked|told|asking|telling|said)\b",
        needs=("text message msg txt sms time", "second third fourth fifth another more last @ORDINAL"),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "has told them before",
        "en",
        r"\bi\s(?:told|asked)\s(?:you|u|yall|ya)\s(?:guys\s)?(?:to stop|not to)\b"
        r"|\b(?:ive|i have|i already|ive already|i have already)\s(?:already\s)?(?:told|asked)\s"
        r"(?:you|u|yall|ya)\s(?:guys\s|people\s)?(?:to stop|already|before|\d+ times|multiple times"
        r"|many times|twice|so many times|a million times)\b",
        needs=("told asked",),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "says they text too much",
        "en",
        # Not the writer's own habit: "we text every day, it's our thing".
        r"(?<!\bwe\s)(?<!\bi\s)\b(?:text|texts|texting|message|messaging|txt)\s(?:me\s|us\s)?(?:way\s)?(?:too much|too often"
        r"|so much|so often|every day|everyday|all day|nonstop|non stop|constantly|more than)\b"
        r"|\b(?:every|each)\s(?:single\s)?(?:day|morning|night|hour|week)\s(?:with\s)?(?:these|the"
        r"|your|more|another)\s(?:texts|messages|msgs|alerts)\b"
        r"|\b(?:texting|messaging|txting)\s(?:me\s)?at\s(?:\d+\s?(?:am|pm)?|midnight)\b",
        needs=(
            "text texts texting message messaging txt txting msgs messages alerts",
            "much often every everyday day nonstop non constantly more each at",
        ),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "asks why they still text",
        "en",
        r"\bwhy\s(?:does|do|would|did)\s(?:a|an|the|this|your|some)\s(?:\w+\s){0,2}need\sto\s(?:text"
        r"|message|contact|spam)\s(?:me|us)\b"
        r"|\bwhy\s(?:are|r|do|does)\s(?:you|u|yall|ya|you guys)\s(?:still|always|keep)\s(?:texting"
        r"|messaging|txting|contacting|sending)\b",
        needs=("why", "need still always keep"),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "says it will not stop",
        "en",
        r"^(?:spam\s?){2,}$"
        r"|\b(?:wont|will not|doesnt|cant|never)\sstop\s(?:buzzing|blowing up|ringing|going off|dinging)\b"
        r"|\b(?:i|we)\s(?:keep|kept)\s(?:getting|receiving)\s(?:these|this|them)(?=\s*(?:$|,))",
        needs=("spam buzzing blowing ringing going dinging keep kept", "spam stop getting receiving"),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "the number is no longer theirs",
        "en",
        r"\b(?:doesnt|does not|dont|do not|no longer)\s(?:have|has|use|uses|own|owns)\s(?:it|this|that"
        r"|this one|this phone|this number)\s(?:anymore|any more|now)\b"
        r"|\b(?:(?:s|is|has|are)\s)?no longer with us\b",
        needs=("doesnt does dont do longer", "anymore more now us"),
        negatable=False,
        unless=r"\b(?:i|we|you|u)\s$",
        confidence=0.85,
        family="wrong owner",
    ),
    rule(
        "not the person they want",
        "en",
        r"\b(?:im|i am)\snot\s(?:the person|the one|the guy|the girl|who)\s(?:you|u|youre|ur)\b",
        needs=("im am", "person one guy girl who"),
        negatable=False,
        confidence=0.85,
        family="wrong owner",
    ),
    rule(
        "the number belongs to someone else",
        "en",
        r"\b(?:belongs|belonged)\sto\s(?:me now|someone else|a different|my late|my\s\w+ who)\b"
        r"|\b(?:this|my|the)\s(?:phone|number|cell|line)\s(?:belonged|used to belong)\sto\b"
        r"|\b(?:gave up|got rid of|switched|dropped|ditched)\s(?:this|that)\s(?:number|phone|cell|line)\b",
        needs=("belongs belonged belong up rid switched dropped ditched",),
        negatable=False,
        unless=r"\b(?:i|we|you|u)\s$",
        confidence=0.85,
        family="wrong owner",
    ),
    rule(
        "wrong person or phone",
        "en",
        # At the end: "you got the wrong guy, it was Mike" is about something else.
        r"\bwrong\s(?:guy|girl|man|woman|lady|dude|family|house|people|persons)(?:\s(?:bro|dude|man"
        r"|buddy|pal|sorry|lol))?$"
        r"|\b(?:texting|messaging|txting|contacting|calling|reached|got|have)\s(?:the\s|a\s)?wrong\s"
        r"(?:phone|cell|line)\b",
        needs=("wrong",),
        negatable=False,
        unless=r"\b(?:i|we|you|u)\s$",
        confidence=0.85,
        family="wrong owner",
    ),
    rule(
        "asks to take their details off",
        "en",
        r"\b(?:take|get|remove|delete|erase)\s(?:my|our|this)\s(?:contact\s)?(?:info|information|details|number"
        r"|name|data)\s(?:off|out)\b"
        r"|\b(?:my|our|this)\s(?:contact\s)?(?:info|information|details|number|name|data)\s(?:removed|deleted"
        r"|erased|taken off)\b"
        r"|\bopt\s(?:this|my|our)\s(?:number|phone|line)\sout\b"
        r"|\b(?:want|wanna|like)\sto\s(?:stop|cancel|end|quit)\s(?:this|the|your)\s(?:service|subscription"
        r"|program|list|plan)\b"
        r"|\b(?:put|add)\s(?:me|us|this number|my number)\s(?:on|to)\s(?:your\s|the\s)?(?:do not|dont|no)"
        r"\s(?:text|call|contact|sms)\s(?:list|registry)\b"
        r"|\bwant\s(?:off|out of)\s<DET><LIST_NOUN>",
        needs=(
            "take get remove delete erase removed deleted erased taken opt want wanna like put add",
            "info information details number name data out service subscription program list plan off",
        ),
        confidence=0.9,
    ),
)
