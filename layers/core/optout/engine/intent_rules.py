"""English intent rules: requests to stop messages, to be removed, wrong numbers, questions about
opting out (the original families). New families are in intent_families.py.

Rules need an object that makes the request about messages or about the contact ("stop texting
me", "stop these texts"), so "can you stop by later?", "I can't stop laughing" and "please
cancel my order" do not fire.
"""

from __future__ import annotations

from optout.engine.intent_pieces import IntentRule, rule

ENGLISH_RULES: tuple[IntentRule, ...] = (
    # ---- English ----------------------------------------------------------------------------
    rule(
        "asks to stop the messages",
        "en",
        r"\b(?:stop|stopp|quit|cease|end|cancel|halt|discontinue|turn off|shut off|switch off"
        r"|block|get rid of|unsubscribe from|unsubscribe me from|opt out of|opt me out of|no more)"
        r"\s(?:(?:with|w|sending|receiving|recieving|getting|giving)\s(?:me\s|us\s)?)?"
        r"<DET><MOD><NOUN>\b",
        needs=(
            "stop stopp quit cease end cancel halt discontinue off rid unsubscribe opt block more",
            "@NOUN",
        ),
    ),
    rule(
        "asks to stop texting",
        "en",
        r"\b(?:stop|stopp|stp|quit|cease|no more)\s(?:<GERUND>\s(?:me|us|myself|here|this"
        r"|my (?:phone|cell|mobile|wife|husband|son|daughter|mom|dad|mother|father|family|kids?)"
        r"|this (?:phone|cell|line)|(?:my|this) <NUM>)\b"
        # "sending me" needs no more, or something sent: not "stop sending me the blue one".
        r"(?<!sending me)(?<!sending us)"
        r"|sending\s(?:me|us)(?=\s*(?:$|,)|\s(?:please|pls|plz|now|anymore|any more|stuff"
        r"|anything|crap|junk|shit|this|these|them|that|<DET><MOD><NOUN>)\b)"
        r"|<GERUND_ALONE>(?=\s*(?:$|,|\s(?:please|pls|plz|now|asap|already|anymore|again|thanks"
        r"|thx)\b)))",
        needs=("stop stopp stp quit cease more", "@GERUND"),
    ),
    rule(
        "asks not to be texted",
        "en",
        r"\b(?:dont|do not|dnt|never|no longer)\s(?:ever\s|even\s|again\s)?"
        r"(?:text|txt|message|msg|sms|contact|email|bother|spam|write|hit up)\s"
        r"(?:me|us|this <NUM>|my <NUM>|this (?:phone|cell|line)|here)"
        # ... unless it is about when or how: "don't text me back", "don't text me until 5".
        r"(?!\s(?:back|until|till|til|before|after|when|while|now|right now|at|tonight|today"
        r"|tomorrow|later|during|yet|that|like|so|or|about|if|unless|with|on|in|first|late|early"
        r"|tho|though|and|this late|this early|anything else but)\b)",
        needs=("@NEGATION", "text txt message msg sms contact email bother spam write hit"),
        negatable=False,
    ),
    rule(
        "asks not to be sent messages",
        "en",
        r"\b(?:dont|do not|dnt|never|no longer)\s(?:ever\s)?send\s(?:me|us|this number)\s"
        r"(?:any more\s|anymore\s|any\s|more\s|another\s)?(?:anything|stuff|nothing|<DET><MOD><NOUN>)"
        r"\b",
        needs=("@NEGATION", "send"),
        negatable=False,
    ),
    rule(
        "does not want the messages",
        "en",
        r"\b(?:dont|do not|dnt|no longer|never|didnt|did not|doesnt|does not)\s"
        r"(?:want|wish|need|like|care for|ask for|asked for|request|requested|sign up for"
        r"|signed up for|subscribe to|subscribed to|agree to|agreed to|consent to|consented to)\s"
        r"(?:to\s(?:get|receive|recieve|be getting|keep getting|keep receiving|be receiving"
        r"|get any|receive any)\s)?<DET><MOD><NOUN>\b"
        r"|\b(?:dont|do not|dnt|no longer|never)\s(?:want|wish|need)\s(?:to\s)?(?:be\s)?"
        r"(?:texted|messaged|contacted|spammed|bothered|on <DET><LIST>)",
        needs=(
            "@NEGATION",
            "want wish need like care ask asked request requested sign signed subscribe subscribed"
            " agree agreed consent consented",
        ),
        negatable=False,
    ),
    rule(
        "never signed up",
        "en",
        r"\b(?:never|didnt|did not|dont remember|do not remember|dont recall)\s(?:ever\s)?"
        r"(?:sign(?:ed|ing)? up|subscribed?|subscribing|opt(?:ed)? in|opting in|agreed?"
        r"|consent(?:ed)?|(?:gave|giving) (?:you|u|ya) (?:my|this) (?:number|num|permission|consent)"
        r"|(?:ask|asked) for (?:this|these|any of this|it|them|<DET><MOD><NOUN>))"
        r"(?:\s(?:for|to)\s(?:this|these|that|it|them|any of this|<DET><LIST>))?"
        r"(?=\s*(?:$|,))",
        needs=(
            "never didnt not dont",
            "sign signed signing subscribe subscribed subscribing opt opted opting agree agreed"
            " consent consented gave giving ask asked",
        ),
        negatable=False,
    ),
    rule(
        "asks to be removed",
        "en",
        r"\b(?:remove|delete|erase|scratch|unsubscribe|unsub|unenroll|deregister|unregister|delist"
        r"|drop|take|get|put|keep)\s<PERSON>\s(?:from|off|off of|out of|of)\s<DET><LIST>"
        r"|\b(?:remove|delete|erase|unsubscribe|unsub|unenroll|deregister|unregister|delist)"
        r"\s<PERSON><END>"
        r"|\b(?:take|get)\s<PERSON>\soff<END>"
        r"|\b(?:remove|take|delete)\s(?:off|from|out of)\s<DET><LIST_NOUN>",
        needs=(
            "remove delete erase scratch unsubscribe unsub unenroll deregister unregister delist"
            " drop take get put keep",
            "me us myself my this off from out",
        ),
    ),
    rule(
        "asks to get off the list",
        "en",
        r"\b(?:get|be taken|come|be|been|being|get)\s(?:off|out of|off of|removed from"
        r"|taken off|unsubscribed from|deleted from|dropped from|erased from)\s<DET><LIST_NOUN>"
        r"|\b(?:be|get|been)\s(?:removed|unsubscribed|taken off)<END>",
        needs=("get be come been being", "off out removed unsubscribed deleted dropped erased"),
    ),
    rule(
        "asks to forget the number",
        "en",
        r"\b(?:lose|forget|delete|erase|remove|drop|scratch|toss|trash|ditch|burn)\s(?:my|this|our)"
        r"\s<NUM>\b(?!\s(?:of|in)\b)"
        r"|\b(?:remove|delete|erase|take)\s(?:my|our)\s(?:name|info|information|details|contact"
        r"|contact info|data|phone)\s(?:from|off|out of)\s<DET><LIST>",
        needs=(
            "lose forget delete erase remove drop scratch toss trash ditch burn take",
            "my this our",
        ),
    ),
    rule(
        "asks how to opt out",
        "en",
        r"\bhow\s(?:do|can|to|would|should|could|does|did|do you|can you|would you|will)\s"
        r"(?:i\s|we\s|you\s|one\s|u\s|ya\s)?(?:get\s)?"
        r"(?:(?:make|get) (?:it|this|them|these|those|<DET><MOD><NOUN>) (?:to )?stop"
        r"|stop|turn off|get rid of|get off|get out of|get removed|be removed|get taken off|opt out"
        r"|unsubscribe|remove (?:me|myself|my number))"
        r"(?:\s(?:receiving\s|getting\s)?(?:this|these|them|it|<DET><MOD><NOUN>|<DET><LIST>))?"
        r"(?=\s*(?:$|,|\s(?:please|pls|plz|thanks|thx|ty)\b))"
        r"|\bhow\s(?:do|can|to|would|should|could)\s(?:i\s|we\s|you\s|u\s)?(?:stop|end|cancel"
        r"|block|quit)\s(?:receiving\s|getting\s)?<DET><MOD><NOUN>\b",
        needs=(
            "how",
            "stop off out unsubscribe opt remove removed end cancel block quit turn rid get",
        ),
        negatable=False,
    ),
    rule(
        "opt-out wording",
        "en",
        # "opt out of" must be about messages or a list: not "opt out of the survey".
        r"\b(?:opt(?:ed|ing)?\sout|optout|optedout|opt me out|opt us out)\b"
        r"(?!\sof\s(?!<DET><MOD><NOUN>\b|<DET><LIST>))"
        r"|\b(?:unsubscrib(?:e|ed|es)|unsubbed)\b"
        r"|\bcount (?:me|us) out<END>"
        r"|\bcease and desist\b",
        needs=("opt optout optedout opted opting unsubbed unsubbing count desist",),
        prefixed=True,
    ),
    rule(
        "asks to be left alone",
        "en",
        r"\bleave\s(?:me|us|my (?:number|phone|family|wife|husband|mom|dad))\s"
        r"(?:alone|in peace)\b",
        needs=("leave",),
    ),
    rule(
        "wrong number",
        "en",
        r"\bwrong\s(?:phone\s|cell\s|mobile\s|cell phone\s)?(?:number|numbers|num|nbr|person"
        r"|contact|recipient)\b",
        needs=("wrong",),
        # "I gave you the wrong number", "I dialed the wrong number", "not the wrong number".
        unless=r"(?:\b(?:gave|give|given|sent|send|told|tell|put|wrote|written|entered|typed"
        r"|used)\s(?:(?:you|u|ya|them|him|her)\s)?|\b(?:i|we|i think i|i must have|i may have)\s"
        r"(?:must have\s|might have\s|may have\s)?(?:have|had|got|dialed|dialled|called|texted"
        r"|sent|messaged|rang)\s|\bnot\s)(?:the|a|an)\s$",
    ),
    rule(
        "no more messages",
        "en",
        r"\bno\s(?:more|further)\s(?:of\s)?<DET><MOD>(?:<NOUN>|texting|messaging)\b"
        r"|^(?:no|stop)\s(?:texts?|txts?|sms|messages?|msgs?|texting)(?:\s(?:please|pls|plz"
        r"|thanks|thank you|thx))?$",
        needs=("no stop", "@NOUN texting messaging"),
        negatable=False,
    ),
    rule(
        "no more",
        "en",
        r"^(?:(?:please|pls|plz|no)\s)?no more(?:\s,)?(?:\s(?:please|pls|plz|thanks|thank you|thx))?$",
        needs=("more",),
        negatable=False,
    ),
    rule(
        "stop, who is this",
        "en",
        r"^(?:stop|quit|cancel|unsubscribe|end)\s(?:,\s)?(?:who|whos)\s(?:is this|is dis|dis|this"
        r"|are you|r u|are u|r you|is it|is that)\b"
        r"|\b(?:who|whos)\s(?:is this|is dis|dis|this|are you|r u|are u)\s(?:,\s)?(?:stop|quit"
        r"|cancel|unsubscribe)$",
        needs=("who whos",),
        negatable=False,
    ),
)
