"""More English opt-out kinds, read after intent_general.py: counting the texts with a number and a
time ("3 texts before 9am"), how often or how endlessly they come ("constant texts", "getting
spammed"), asking how the sender got the number, calling it harassment, a channel or an app as
the only way to reach the writer, "texts are not ok", "no more of these", a cancel verb standing
alone ("kindly discontinue"), and consent never given to the sender or taken back.
"""

from __future__ import annotations

from optout.engine.intent_pieces import IntentRule, rule

_TEXTS = r"(?:texts?|messages?|msgs?|txts?|sms)"
_TEXT_WORDS = "text texts message messages msg msgs txt txts sms"
_NUMBERS = " ".join(str(n) for n in range(2, 100)) + " two three four five six seven eight nine ten twenty"
_ORDINALS = "second third fourth fifth sixth seventh tenth another @ORDINAL"
# A period after the count: "this week", "before 9am", "in a row", "a day".
_PERIOD = (
    r"(?:today|tonight|already|a day|per day|every day|in a row|since\s\w+"
    r"|(?:this|last)\s(?:morning|afternoon|evening|week|month|weekend|hour)"
    r"|in\s(?:a|one|an|the last|the past)\s(?:\w+\s)?(?:day|days|hour|hours|week|minutes)"
    r"|before\s(?:\d+\s?(?:am|pm)?|noon|breakfast|work|lunch))"
)
_POLITE_END = r"(?=\s*(?:$|,|\s(?:please|pls|plz|thanks|thank you|thx|ty|now|asap)\b))"

KIND_RULES: tuple[IntentRule, ...] = (
    rule(
        "counts the texts in a period",
        "en",
        r"\b(?:[1-9]\d?(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|tenth|another)\s"
        + _TEXTS
        + r"\s"
        + _PERIOD
        + r"\b|\b(?:[2-9]|[1-9]\d|two|three|four|five|six|seven|eight|nine|ten|twenty)\s(?:\w+\s)?"
        + _TEXTS
        + r"\s"
        + _PERIOD
        + r"\b",
        needs=(_TEXT_WORDS, f"{_ORDINALS} {_NUMBERS}"),
        negatable=False,
        # "I sent you 3 texts today": the writer's own texts
        unless=r"\b(?:sent|send|sending|texted|wrote|got your|answered)\s(?:\w+\s)?(?:like\s)?(?:the\s)?$",
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "says the texts never stop coming",
        "en",
        r"(?:^|,\s)(?:these\s|the\s|so many\s|all these\s|all the\s)?(?:constant|nonstop|non stop|endless"
        r"|neverending|never ending|relentless|incessant|unending)\s(?:\w+\s)?" + _TEXTS + r"\b"
        r"|\b(?:getting|being|been|get|keep getting)\s(?:spammed|bombarded|flooded|harassed|blasted)\b",
        needs=(
            "constant nonstop non endless neverending never relentless incessant unending spammed bombarded"
            " flooded harassed blasted",
        ),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "asks how they got the number",
        "en",
        r"\b(?:how|where)\s(?:did|do|does|tf did|the hell did|the heck did)\s(?:you|u|yall|ya|you guys|your company)"
        r"\s(?:even\s|ever\s)?(?:get|find|obtain|got)\s(?:my|this)\s(?:number|cell|cell number|phone number"
        r"|info|contact)\b",
        needs=("how where", "get find obtain got", "number cell info contact"),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "calls receiving them harassment",
        "en",
        r"\b(?:is|are|its|thats|feels like|becoming|borderline)\s(?:\w+\s)?(?:harassment|harrassment)\b",
        needs=("harassment harrassment",),
        confidence=0.8,
        family="threat",
    ),
    rule(
        "a channel or an app as the only way",
        "en",
        r"\b(?:contact|reach|message|email|update|notify)\s(?:me|us)\s(?:only\s)?(?:by|via|through|thru|on|in|at)\s"
        r"(?:the\s|my\s|your\s)?(?:patient\s|online\s)?(?:portal|app|website|site|whatsapp|email|e mail|mail"
        r"|inbox)\s(?:only|instead)\b"
        # "only contact me through the patient portal": "only" first
        r"|\b(?:only|just)\s(?:contact|reach|message|notify)\s(?:me|us)\s(?:by|via|through|thru|on|in|at)\s"
        r"(?:the\s|my\s|your\s)?(?:patient\s|online\s)?(?:portal|app|website|site|whatsapp|inbox)\b",
        needs=("contact reach message email update notify", "only instead just"),
        negatable=False,
        unless=r"\b(?:i|ill|we|will|gonna|to|can)\s$",
        confidence=0.85,
        family="channel",
    ),
    rule(
        "says texts are not ok",
        "en",
        r"\b(?:texts|text messages|sms|texting|txts)\s(?:are|r|is)\s(?:not|no)(?:\s(?:ok|okay|fine|welcome"
        r"|wanted|allowed|acceptable))?(?=\s*(?:$|,))",
        needs=("texts sms texting txts", "not no"),
        negatable=False,
        confidence=0.85,
        family="channel",
    ),
    rule(
        "no more of these",
        "en",
        r"^(?:please\s|pls\s|ok\s)?no more(?:\sof)?\s(?:these|this|them|it|that)"
        + _POLITE_END
        + r"|\bno mas\s"
        + _TEXTS
        + r"\b",
        needs=("more mas", "these this them it that text texts message messages msg msgs txt txts sms"),
        negatable=False,
        confidence=0.85,
        family="no object",
    ),
    rule(
        "a cancel verb standing alone",
        "en",
        r"^(?:please\s|pls\s|kindly\s)?(?:discontinue|deactivate|unenroll|unenrol|terminate)"
        r"(?:\s(?:me|this|it|these|all|service|the service|now|please|pls|asap|thanks|immediately))*$",
        needs=("discontinue deactivate unenroll unenrol terminate",),
        negatable=False,
        confidence=0.85,
        family="no object",
    ),
    rule(
        "consent never given to them, or taken back",
        "en",
        r"\b(?:never|didnt|did not|dont|do not)\s(?:ever\s)?(?:gave|give|given)\s(?:you|u|yall|anyone|your company"
        r"|you guys)\s(?:my\s|any\s)?(?:permission|consent)\b"
        r"|\b(?:take|taking|took)\sback\s(?:my\s|the\s|any\s|our\s)?(?:permission|consent)\b",
        needs=("never didnt did dont do take taking took", "permission consent"),
        negatable=False,
        confidence=0.9,
        family="consent",
    ),
    rule(
        "done with the texts, or no need for them",
        "en",
        r"\b(?:im|i am|were|we are)\s(?:so\s|totally\s|officially\s)?done\swith\s(?:these|the|your|all\s(?:these|the|your))\s"
        r"(?:\w+\s)?" + _TEXTS + r"\b"
        r"|\bno\sneed\sto\s(?:text|txt|message|msg|contact|sms)\s(?:me|us)\b"
        r"|\b(?:delete|erase|remove)\s(?:my|our)\s(?:info|information|details|data|contact info)"
        + _POLITE_END
        + r"|\btake\s(?:me|us)\soff\s(?:whatever|wherever|of)\s(?:this|it|here)\b",
        needs=(
            "done need delete erase remove take",
            "@NOUN text txt message msg contact sms info information details data whatever wherever of",
        ),
        negatable=False,
        confidence=0.85,
        family="no object",
    ),
    rule(
        "prefers something over the texts",
        "en",
        r"\b(?:prefer|rather|better)\b(?:\s\w+){0,7}\s(?:over|than|instead of|to)\s(?:by\s|via\s|through\s)?(?:the\s)?"
        r"(?:texts?|texting|texted|messaged|sms|text messages|txts?)\b"
        r"|\binstead\s(?:,\s)?not\s(?:regular\s|by\s|via\s)?(?:sms|texts?|txt|text messages)\b"
        r"|\b(?:communicate|correspond)\s(?:with\s(?:me|us)\s)?(?:only\s)?(?:by|via|through|thru|on)\s(?:the\s|my\s)?"
        r"(?:\w+\s)?(?:portal|app|email|mail|phone)\b(?:\sonly)?(?:\s,)?\s(?:not|no)\s(?:sms|texts?|txt)\b",
        needs=("prefer rather better instead communicate correspond", "text texts texting sms txt txts"),
        negatable=False,
        unless=r"\b(?:i|ill|we|will|gonna|to|can|you|u)\s(?:\w+\s)?$",
        confidence=0.85,
        family="channel",
    ),
    rule(
        "says the texts are too much or go on for weeks",
        "en",
        r"\b(?:texts|messages|msgs|txts)\s(?:are|r)\s(?:way\s|just\s|getting\s)?(?:too much|too many|excessive|a lot"
        r"|out of control|out of hand)\b"
        r"|\b(?:getting|gotten)\sout\sof\shand\swith\s(?:the|these|your)\s" + _TEXTS + r"\b"
        r"|\b(?:been|keeps|keep|kept)\s(?:texting|messaging|txting)\s(?:me|us)\s(?:for|since)\s(?:days|weeks|months"
        r"|a week|a month|ages|forever)\b"
        r"|\b(?:text|texting|txt|message|messaging)\s(?:me|us)\s(?:daily|nightly|all the time|24 7)\b",
        needs=(
            "texts messages msgs txts texting messaging txting text txt message",
            "much many excessive lot control hand days weeks months week month ages forever daily nightly time 24",
        ),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "counts the writer out, or has never heard of the sender",
        "en",
        r"\bcount\s(?:me|us)\sout(?=\s*(?:$|,)|\sfrom now on\b|\sof\s(?:this|these|it)\b)"
        r"|\bnever\sheard\sof\s(?:you|u|yall|your company|this company|you guys|you people)\b",
        needs=("count heard", "out heard"),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "gets them at an hour",
        "en",
        r"\b(?:getting|get|got)\s(?:this|these|texts|messages)\sat\s(?:\d+\s?(?:am|pm)?|midnight)\b",
        needs=("getting get got", "at", "this these texts messages"),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
    rule(
        "warns they will be reported, or calls consent withdrawn",
        "en",
        r"\b(?:get|getting|gets)\s(?:you|u|yall|you guys|your company)\s(?:reported|sued|blocked)\b"
        r"|\b(?:consent|permission)\b(?:\s\w+){0,5}\s(?:withdrawn|revoked|rescinded|retracted)\b"
        r"|\bbelongs\sto\s(?:a\s(?:\d+\s)?(?:year old|child|kid|minor)|my\s(?:son|daughter|kid|child))\b",
        needs=("reported sued blocked withdrawn revoked rescinded retracted belongs",),
        negatable=False,
        confidence=0.85,
        family="threat",
    ),
    rule(
        "asks why they keep at it, or is sick of the texts",
        "en",
        r"\bwhy\s(?:does|do|is|are)\s(?:this number|this company|you guys|u guys|yall|you people|your company|you|u)\s"
        r"(?:still\s|always\s)?(?:keep\s|keeps\s)?(?:hitting (?:me|us) up|bugging|spamming|blowing up my phone)\b"
        r"|\b(?:sick|tired|sick and tired|fed up)\sof\s(?:your|these|the|all|all these|all your|getting|receiving)\s"
        r"(?:\w+\s)?(?:texts?|messages?|msgs|txts|promos?|reminders|alerts|ads|spam)\b",
        needs=("why sick tired fed", "hitting bugging spamming blowing of"),
        negatable=False,
        confidence=0.8,
        family="complaint",
    ),
)
