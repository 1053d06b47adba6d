"""English intent families beyond the original requests (intent_rules.py): requests with no object,
dismissals and threats, consent wording, channel switches, wrong or former owners, questions
about stopping and complaints about receiving texts. Each rule has a confidence; below 0.7 the
engine sends the message to a person (Action.REVIEW, "low confidence").
"""

from __future__ import annotations

from optout.engine.intent_pieces import WRITERS_OWN_WAY, IntentRule, rule

_END = r"(?=\s*(?:$|,|\s(?:please|pls|plz|now|asap|thanks|thank you|thx|ty|ok|already|again"
_END += r"|anymore|any more|ever again|permanently|for good|forever|right now|immediately)\b))"
# A subject right before "don't text" / "go away": a statement about someone, not a request.
_SUBJECT_BEFORE = r"\b(?:i|we|he|she|they|you|u|people|to|will|ll|gonna|wanna|would|should)\s$"

# "passed" alone is a death; "passed the test", "passed by", "passed me the salt" are not.
_PASSED_ALONE = (
    r"(?!\s(?:the|a|an|his|her|my|their|your|our|its|it|me|him|them|us|by|through|out|over|up|along|around"
    r"|down|this|that|all|every|with)\b)"
)

FAMILY_RULES: tuple[IntentRule, ...] = (
    rule(
        "asks not to be texted (no object)",
        "en",
        r"\b(?:dont|do not|dnt|pls dont|please dont)\s(?:ever\s|even\s)?"
        r"(?:text|txt|message|msg|sms|contact|call|ring|spam|email|reach out|send (?:me )?anything"
        r"|send (?:me|us)|(?:call|text) or (?:text|call|email)(?: me)?)"
        r"(?:\s(?:me|us|this number|my number|here))?" + _END + r"|\b(?:dont|do not)\s(?:ever\s)?"
        r"(?:call|ring|phone)\s(?:me|us|this number|my number)" + _END,
        needs=("dont not dnt", "text txt message msg sms contact call ring spam email phone reach send"),
        negatable=False,
        unless=_SUBJECT_BEFORE,
        confidence=0.9,
        family="no object",
    ),
    rule(
        "dismisses the sender",
        "en",
        r"\b(?:leave (?:me|us) be|go away|get lost|piss off|fuck off|f off|eff off|buzz off"
        r"|bugger off|sod off|back off|shove off|go to hell|screw off|fuck you|fuck u|screw you)" + _END,
        needs=("leave away lost off hell fuck screw",),
        unless=_SUBJECT_BEFORE + r"|\b(?:want|need|to|gotta|must|can|cant)\s$",
        confidence=0.85,
        family="dismissal",
    ),
    rule(
        "threatens to report",
        "en",
        r"\b(?:(?:i|ill|im|i will|i am|i m|gonna|going to)\s(?:\w+\s)?)?(?:report|reporting"
        r"|reported|sue|suing|sued)\s(?:you|u|this number|these texts|your company|ur company"
        r"|you guys|yall|this as spam|you as spam|this to)\b"
        # a regulator named with a verb of reporting: intent_structures.py
        r"|\b(?:my lawyer|my attorney|tcpa"
        r"|do not call (?:list|registry)|dnc list)\b",
        needs=("report reporting reported sue suing sued lawyer attorney tcpa dnc list registry",),
        confidence=0.85,
        family="threat",
    ),
    rule(
        "calls it harassment or spam",
        "en",
        r"\b(?:this is|thats|that is|its|it is|you are|youre|ur|u r|this|these are|stop the)\s"
        r"(?:(?:a|an|total|pure|fucking|such|so|straight up|just|literally)\s)*"
        r"(?:harassment|harrassment|harassing|spam|spamming|unsolicited|a scam|scam"
        r"|scammers|spammers)\b"
        r"|^(?:spam|harassment|scam|scammer|spammer|unsolicited)(?:\s(?:stop|please|pls))?$",
        needs=("harassment harrassment harassing spam spamming unsolicited scam scammers spammers scammer spammer",),
        confidence=0.8,
        family="threat",
    ),
    rule(
        "withdraws consent",
        "en",
        r"\b(?:withdraw|withdrawing|revoke|revoking|rescind|rescinding|retract|retracting|pull"
        r"|cancel|remove|withdrew|revoked)\s(?:of\s)?(?:my|all|any|the|our|your)?\s?"
        r"(?:consent|permission|authorization|authorisation|agreement|opt in|optin)\b"
        r"|\b(?:i|we)\s(?:do not|dont|no longer|never|didnt|did not)\s(?:consent|give consent"
        r"|gave consent|give (?:you )?permission|gave (?:you )?permission|authorize|authorise"
        r"|authorized|opt in|opted in)\b"
        r"|\b(?:you|u)\s(?:do not|dont|no longer)\s(?:have|got)\s(?:my\s)?(?:consent|permission)"
        r"|\bno (?:consent|permission)\b",
        needs=(
            "consent permission authorization authorisation agreement opt optin authorize authorise authorized opted",
        ),
        negatable=False,
        confidence=0.95,
        family="consent",
    ),
    rule(
        "never agreed to receive these",
        "en",
        r"\b(?:never|didnt|did not|dont|do not|not)\s(?:ever\s)?(?:agree|agreed|consent|consented"
        r"|ask|asked|sign up|signed up|subscribe|subscribed|opt in|opted in|request|requested"
        r"|want|wanted)\s(?:to|for)\s(?:receive|receiving|recieve|get|getting|be texted"
        r"|be contacted|be messaged|(?:any|these|your|ur|the|this)\s(?:\w+\s)?<NOUN>\b|texts|messages"
        r"|be on your list|being texted|being contacted|these(?=\s*(?:$|,)))",
        needs=(
            "never didnt not dont",
            "agree agreed consent consented ask asked sign signed"
            " subscribe subscribed opt opted request requested want wanted",
        ),
        negatable=False,
        confidence=0.9,
        family="consent",
    ),
    rule(
        "switches channel",
        "en",
        r"\b(?:contact|reach|email|e mail|mail|write|call|phone|message)\s(?:me|us)\s(?:only\s)?"
        r"(?:by|via|through|thru|at|on|over)\s(?:my\s)?(?:email|e mail|mail|post|phone|letter)"
        r"\s(?:only|instead)\b"
        r"|\b(?:email|e mail|mail|call|phone)\s(?:me\s|us\s)?(?:only|instead)\b"
        r"|\b(?:only|just)\s(?:contact|reach|email|call)\s(?:me|us)\s(?:by|via|through|at|on)\s"
        r"(?:email|e mail|mail|phone)\b"
        r"|\b(?:rather|instead)\s(?:of|than)\s(?:a\s)?(?:regular\s|normal\s|plain\s)?(?:text|texts|texting|txt|sms"
        r"|messages|messaging|text messages)\b"
        r"|\bprefer\s(?:to be contacted by\s|contact by\s|to get\s|getting\s|receiving\s)?"
        r"(?:email|emails|e mail|mail|letters|phone calls|a call|post)\b"
        r"(?:\s(?:over|to|instead of|not|than)\s(?:text|texts|texting|sms))?",
        needs=("email mail rather instead prefer emails e",),
        # "I'll call you instead of texting": the writer's own way (intent_structures.py reads the same)
        unless=WRITERS_OWN_WAY,
        confidence=0.85,
        family="channel",
    ),
    rule(
        "former owner of the number",
        "en",
        r"\b(?:doesnt|does not|dont|do not|no longer|dosent|dosnt|dnt)\s(?:have|has|use|uses|own"
        r"|owns|got)\s(?:this|that|the|his|her|their)\s(?:phone|number|cell|cell phone|mobile"
        r"|line|num|nbr)\b"
        r"|\b(?:not|no longer|isnt|aint)\s(?!this\b)(?:his|her|their|\w+s)\s(?:number|phone|cell"
        r"|num|nbr)\b"
        r"|\b(?:no one|nobody|noone|no body)\s(?:here\s)?(?:by|with|named|called)\s(?:that|this"
        r"|the)\s(?:name)\b"
        r"|\b(?:doesnt|does not|dont|do not|no longer)\s(?:live|lives|work|works)\s(?:here|at this"
        r" number|with us)\b"
        r"|\b(?:dont|do not)\sknow\s(?:any(?:one|body)\s(?:named|called|by that name)|who that is"
        r"|who this is for)",
        needs=(
            "phone number cell mobile line num nbr name live lives work works know",
            "doesnt dont not no nobody noone dosent dosnt dnt isnt aint longer",
        ),
        negatable=False,
        unless=r"\b(?:i|we|you|u)\s$",
        confidence=0.9,
        family="wrong owner",
    ),
    rule(
        "wrong person",
        "en",
        r"\bwrong\s(?:guy|girl|person|lady|man|dude|gal|people|family|house|txt|text"
        r"|texts|one|persons|individual|customer|client|patient|contact)\b"
        r"(?!.*\b(?:it was|that was|wasnt me|was not me|blame|his fault|her fault)\b)",
        needs=("wrong",),
        unless=r"(?:\b(?:gave|give|sent|send|texted|messaged|called|dialed|dialled|got|i have|ive"
        r" got)\s(?:(?:you|u|him|her|them)\s)?|\bnot\s)(?:the|a)\s$",
        confidence=0.9,
        family="wrong owner",
    ),
    rule(
        "the contact has died",
        "en",
        # The whole message: "he passed away", "my husband died last year".
        r"^(?:sorry\s|unfortunately\s)?(?:(?:hes|shes|theyre|he|she|they|my (?:husband|wife|mom"
        r"|mother|dad|father|son|daughter|grandma|grandmother|grandpa|grandfather|brother|sister"
        r"|aunt|uncle|partner))\s?(?:has\s|had\s|just\s|recently\s)*(?:passed away|passed on|passed"
        r"|died|is deceased|deceased|is dead|is no longer with us)"
        r"|\w+\s(?:has\s|just\s|recently\s)*(?:passed away|passed on|is deceased|is no longer with"
        r" us))(?:\s(?:last \w+|recently|\w+ years ago|a \w+ ago|in \d+))?$",
        needs=("passed deceased died dead longer",),
        negatable=False,
        confidence=0.9,
        family="wrong owner",
    ),
    rule(
        "a death and this number",
        "en",
        # News ("our friend's mother passed away") names no pronoun, phone or request: see below.
        r"\b(?:he|she)\s(?:has\s|just\s|recently\s)*(?:died|passed away|passed"
        + _PASSED_ALONE
        + r"|is deceased|is dead)\b"
        r"|^(?:\w+\s){0,3}(?:is|was)\sdeceased\b"
        r"|\b(?:died|passed away|passed"
        + _PASSED_ALONE
        + r"|deceased)\b(?=.*\b(?:number|phone|cell|line|texts|remove|stop)\b)",
        needs=("passed deceased died dead",),
        negatable=False,
        confidence=0.85,
        family="wrong owner",
    ),
    rule(
        "mentions a death",
        "en",
        # Inside a longer message it may be news rather than about this number: a person decides.
        r"\b(?:he|she|they|\w+)\s(?:has\s|had\s|just\s|recently\s)*(?:passed away|passed on"
        r"|is deceased|is no longer with us|was deceased)\b"
        r"|\b(?:he|she|my (?:husband|wife|mom|mother|dad|father|son|daughter|grandma|grandmother"
        r"|grandpa|grandfather|brother|sister|aunt|uncle|partner))\s(?:has\s|just\s|recently\s)*"
        r"(?:died|passed" + _PASSED_ALONE + r"|is dead)\b",
        needs=("passed deceased died dead longer",),
        negatable=False,
        confidence=0.6,
        family="wrong owner",
    ),
    rule(
        "asks how to make it stop",
        "en",
        r"\b(?:is there a way|any way|anyway|a way|what do i (?:need to |have to |gotta |got to )?(?:do|text|reply|send|say))"
        r"\sto\s(?:stop|unsubscribe|opt out|get off|end|cancel|make (?:this|these|it|them) stop"
        r"|get (?:this|these|it|them) to stop|not get|not receive)\b"
        r"|\b(?:can|could|would|will)\s(?:you|u|yall|ya)\s(?:please\s|pls\s|plz\s|kindly\s|just\s)?"
        r"(?:stop|quit|cease)(?:\s(?:it|this|that|them|these|now|already|please|pls|plz))*"
        r"(?=\s*(?:$|,))"
        r"|^(?:please\s|pls\s|plz\s|just\s)?make (?:it|this|them|these) stop" + _END,
        needs=(
            "stop unsubscribe opt off end cancel quit cease receive",
            "way anyway do can could would will make",
        ),
        negatable=False,
        confidence=0.85,
        family="question",
    ),
    rule(
        "complains about receiving texts",
        "en",
        r"\b(?:i|we)\s(?:keep|kept|continue to)\s(?:getting|receiving|recieving|get|receive)\s"
        r"(?:these|this|your|ur|the|all these|all this|so many|more)\s(?:\w+\s)?<NOUN>\b"
        r"|\bwhy\s(?:do|does|am|are|is|did)\s(?:i|we)\s(?:keep\s|still\s)?(?:getting|receiving"
        r"|get|receive|recieving)\s(?:(?:these|this|your|ur|the|all|so many)\s)?(?:\w+\s)?"
        r"(?:<NOUN>\b|(?:these|this)(?=\s*(?:$|,)))"
        r"|\b(?:too many|so many|enough with the|enough with these|enough of these|enough of the)"
        r"\s(?:texts|txts|messages|msgs|sms|alerts|notifications)\b"
        r"|\b(?:sick|tired)\sof\s(?:these|your|the|ur|all the|getting|receiving|all these)\s"
        r"(?:\w+\s)?(?:texts|txts|messages|msgs|sms|alerts)\b"
        r"|\b(?:these|your|the|ur|all these|ur damn|your damn)\s(?:texts|txts|messages|msgs)\s"
        r"(?:are|r)\s(?:annoying|spam|too much|getting old|harassment|unwanted|driving me)\b"
        r"|^(?:ok\s|okay\s|ugh\s|omg\s)?(?:enough|enough already|thats enough|that is enough"
        r"|enough is enough)(?:\s(?:already|please|pls|now|stop))?$",
        needs=(
            "keep kept continue why many enough sick tired annoying spam unwanted",
            "@NOUN enough these this",
        ),
        negatable=False,
        confidence=0.85,
        family="complaint",
    ),
    rule(
        "says no texts",
        "en",
        # At the start of a clause, so "so no messages." (a remark) stays out.
        r"(?:^|,\s)(?:but\s|and\s|just\s|please\s)?no\s(?:more\s)?(?:texts?|text messages"
        r"|texting|sms|txts?)" + _END,
        needs=("no", "texts text texting sms txt txts"),
        negatable=False,
        confidence=0.9,
        family="channel",
    ),
    rule(
        "asks for email instead",
        "en",
        r"\b(?:switch|move|change)\s(?:me|us)\s(?:over\s)?to\s(?:email|e mail|mail|calls)\b"
        r"|\bcontact\s(?:me|us)\s(?:only\s)?(?:through|by|via|at)\s(?:my\s)?(?:email|e mail|mail)\b"
        r"|\bonly\b(?:\s\w+){0,6}\s(?:by|via|through)\s(?:email|e mail|mail|letters?|post)\b",
        needs=("email mail e letter letters post calls", "switch move change contact only"),
        negatable=False,
        confidence=0.9,
        family="channel",
    ),
    rule(
        "more complaints",
        "en",
        r"\benough\s(?:of\s)?(?:the\s|these\s|your\s)?<NOUN>\b"
        r"|\bfed up with (?:(?:these|the|your|ur|all the)\s(?:\w+\s)?<NOUN>\b|(?:this|it)(?=\s*(?:$|,)))"
        r"|\b(?:these|they)\s(?:are|r)\s(?:so\s|really\s|very\s|super\s|too\s)?(?:unwanted|annoying"
        r"|spam|harassment)\b"
        r"|\b(?:texts|messages|msgs)\s(?:are|r)\s(?:so\s|really\s|very\s|super\s|getting\s)?"
        r"(?:annoying|unwanted|too much|excessive|ridiculous|out of control)\b"
        r"|\bdriving me (?:crazy|nuts|insane|mad)\b",
        needs=("enough fed unwanted annoying spam harassment excessive ridiculous control driving",),
        negatable=False,
        confidence=0.85,
        family="complaint",
    ),
    rule(
        "asks why these keep coming",
        "en",
        r"\bwhy\s(?:do|am)\si\s(?:get|getting|receive|receiving)\s(?:these|this)\b"
        r"|\b(?:wont|will not|doesnt|dont|why cant)\s(?:these|this|your|the)\s(?:\w+\s)?(?:texts\s"
        r"|messages\s|msgs\s)?stop\b"
        r"|\b(?:dont|do not|no longer)\s(?:want|need)\s(?:these|this|them|any of this|your stuff"
        r"|anything (?:else )?from (?:you|u))(?=\s*(?:$|,))",
        needs=("why stop want need", "these this them anything stuff"),
        negatable=False,
        confidence=0.85,
        family="complaint",
    ),
    rule(
        "more dismissals and threats",
        "en",
        r"\b(?:go bother someone else|knock it off|leave (?:me|us) the (?:hell|fuck|heck) alone"
        r"|leave (?:me|us) tf alone|scram|get lost \w+)"
        + _END
        + r"|^(?:reported|blocked|blocking|reporting)(?:\s(?:as spam|you|this number|for spam"
        r"|to the fcc|to the ftc))?$"
        r"|\b(?:im|i am|ill|i will|gonna|going to)\s(?:\w+\s)?(?:block|blocking)\s(?:you|u|this"
        r"|this number|your number|ur number)\b"
        r"|\b(?:ill|i will|im going to|gonna|i am going to)\s(?:sue|take legal action|get a lawyer"
        r"|call my lawyer)\b",
        needs=("bother knock leave scram lost reported blocked blocking reporting block sue legal lawyer",),
        negatable=False,
        confidence=0.85,
        family="threat",
    ),
    rule(
        "more consent and list wording",
        "en",
        r"\b(?:consent|permission)\s(?:is\s|has been\s|hereby\s)?(?:revoked|withdrawn|rescinded"
        r"|cancelled|canceled)\b"
        r"|\bnever\s(?:asked|agreed|signed up|subscribed)\s(?:to|for)\s(?:be|being)\son\s"
        r"(?:this|your|the|any|a|ur)\s(?:\w+\s)?list\b"
        r"|\bnever\s(?:subscribed|signed up|agreed|opted in)\s(?:to|for)\sanything\b"
        r"|\bwant\s(?:off|out of)\s<DET><LIST_NOUN>"
        r"|\bhow\s(?:do|can|could)\s(?:i|we)\s(?:get|have)\s(?:my|this)\s(?:number|name|phone)\s"
        r"(?:removed|taken off|deleted|unsubscribed)\b"
        r"|\b(?:this|my)\s(?:number|phone|num)\s(?:has\s|just\s)?(?:changed owners|changed hands"
        r"|has a new owner|belongs to someone else|is mine now)\b|\bis mine now\b"
        r"|\bthis\s(?:was|is|used to be)\s(?:his|her|their)\s(?:phone|number|cell|num)\b",
        needs=(
            "consent permission never off removed deleted unsubscribed owners hands owner belongs mine his her their",
        ),
        negatable=False,
        confidence=0.9,
        family="consent",
    ),
    rule(
        "asks why it is being texted",
        "en",
        r"\b(?:why|y)\s(?:are|r|do|does|is|did)\s(?:you|u|ya|yall|this number|this|someone)\s(?:keep\s)?"
        r"(?:texting|txting|messaging|contacting|text|message|contact|sending)\s(?:me|us)\b"
        r"|\b(?:who|how did you|how did u|where did you|where did u)\s(?:gave|give|get|got)\s"
        r"(?:you\s|u\s)?(?:my|this)\s(?:number|num|nbr)\b",
        needs=(
            "why y who how where",
            "texting txting messaging contacting text message contact sending number num nbr",
        ),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "complains of a phone flooded with texts",
        "en",
        r"\b(?:blowing up|flooding|spamming)\s(?:my|our)\s(?:phone|cell|inbox|notifications)\b"
        r"|\bmy\s(?:phone|cell)\s(?:buzzes|keeps buzzing|is buzzing|wont stop buzzing|has been buzzing)\b"
        r"|\b(?:texts|messages|msgs|txts)\s(?:at all hours|nonstop|non stop)\b",
        # "how many times do I have to tell you": intent_structures.py
        needs=(
            "blowing flooding spamming buzzes buzzing hours nonstop non",
            "my our texts messages msgs txts",
        ),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
)
