"""Table-driven tests of optout.engine.classify.

Each row: (message, expected action, expected rule, expected match). A match of ANY is not
checked; None asserts there is no match. Sections follow the product issue: keywords (punctuation,
case, emoji, iMessage effects, polite filler), opt-in and help, natural-language intent, hard
negatives, typos in each mode, Spanish and French, exclusions and workspace keywords.
"""

from __future__ import annotations

from typing import Any

import pytest

from optout.engine import Action, EngineSettings, Rule, classify
from optout.engine.intent import find_intent
from optout.engine.normalization import clauses, plain

ANY: Any = object()  # match not checked

OUT, IN, HELP, CONFIRM, NONE = (
    Action.OPT_OUT,
    Action.OPT_IN,
    Action.HELP,
    Action.CONFIRM,
    Action.NONE,
)
REVIEW = Action.REVIEW
KEYWORD, INTENT, TYPO, EXCLUSION, NO_RULE = (
    Rule.KEYWORD,
    Rule.INTENT,
    Rule.TYPO,
    Rule.EXCLUSION,
    Rule.NONE,
)

Row = tuple[str, Action, Rule, Any]

# ---- opt-out keywords: every keyword, case, punctuation, emoji, effects, filler ----------------
OPT_OUT_KEYWORDS: list[Row] = [
    ("STOP", OUT, KEYWORD, "stop"),
    ("stop", OUT, KEYWORD, "stop"),
    ("Stop", OUT, KEYWORD, "stop"),
    ("sTOP", OUT, KEYWORD, "stop"),
    ("STOP.", OUT, KEYWORD, "stop"),
    ("STOP!!!", OUT, KEYWORD, "stop"),
    ("stop?", OUT, KEYWORD, "stop"),
    ("  stop  ", OUT, KEYWORD, "stop"),
    ("STOP\n", OUT, KEYWORD, "stop"),
    ("'STOP'", OUT, KEYWORD, "stop"),
    ('"stop"', OUT, KEYWORD, "stop"),
    ("**STOP**", OUT, KEYWORD, "stop"),
    ("STOPPPP!!!", OUT, KEYWORD, "stop"),
    ("stoppp", OUT, KEYWORD, "stop"),
    ("Stopp", OUT, KEYWORD, "stopp"),
    ("SSTOP", OUT, KEYWORD, "sstop"),
    ("\uff33\uff34\uff2f\uff30", OUT, KEYWORD, "stop"),  # full-width letters, NFKC
    ("\U0001f6d1", OUT, KEYWORD, "stop"),  # stop-sign emoji (Postscript)
    ("\U0001f6d1\U0001f6d1\U0001f6d1", OUT, KEYWORD, "stop stop stop"),
    ("STOP \U0001f6d1", OUT, KEYWORD, "stop stop"),
    ("STOP \U0001f621", OUT, KEYWORD, "stop"),
    ("stop \U0001f44d\U0001f3fd", OUT, KEYWORD, "stop"),
    ("STOP (sent with Gentle Effect)", OUT, KEYWORD, "stop"),
    ("STOP \u2026 sent with gentle effect", OUT, KEYWORD, "stop"),
    ("Stop Sent with Loud Effect", OUT, KEYWORD, "stop"),
    ("STOP sent with Slam effect", OUT, KEYWORD, "stop"),
    ("stop (Sent with Invisible Ink)", OUT, KEYWORD, "stop"),
    ("Stop (sent with Confetti)", OUT, KEYWORD, "stop"),
    ("Stop please (Sent with Echo)", OUT, KEYWORD, "stop"),
    ("stop please", OUT, KEYWORD, "stop"),
    ("please STOP", OUT, KEYWORD, "stop"),
    ("STOP thanks", OUT, KEYWORD, "stop"),
    ("Stop. Thank you", OUT, KEYWORD, "stop"),
    ("Stop, thank u!", OUT, KEYWORD, "stop"),
    ("stop now", OUT, KEYWORD, "stop"),
    ("STOP NOW!!!", OUT, KEYWORD, "stop"),
    ("STOP STOP", OUT, KEYWORD, "stop stop"),
    ("Stop please stop", OUT, KEYWORD, "stop please stop"),
    ("pls stop", OUT, KEYWORD, "stop"),
    ("plz stop thx", OUT, KEYWORD, "stop"),
    ("Stop already", OUT, KEYWORD, "stop"),
    ("Hi, stop please", OUT, KEYWORD, "stop"),
    ("ok stop", OUT, KEYWORD, "stop"),
    ("Sorry, STOP", OUT, KEYWORD, "stop"),
    ("STOP ASAP", OUT, KEYWORD, "stop"),
    ("Stop immediately", OUT, KEYWORD, "stop"),
    ("stop. thank you \U0001f60a", OUT, KEYWORD, "stop"),
    ("pleeease stop", OUT, KEYWORD, "stop"),
    ("quit", OUT, KEYWORD, "quit"),
    ("QUIT!", OUT, KEYWORD, "quit"),
    ("end", OUT, KEYWORD, "end"),
    ("End.", OUT, KEYWORD, "end"),
    ("END please", OUT, KEYWORD, "end"),
    ("revoke", OUT, KEYWORD, "revoke"),
    ("REVOKE", OUT, KEYWORD, "revoke"),
    ("opt out", OUT, KEYWORD, "opt out"),
    ("OPT-OUT", OUT, KEYWORD, "opt out"),
    ("Opt Out please", OUT, KEYWORD, "opt out"),
    ("optout", OUT, KEYWORD, "optout"),
    ("OPTOUT", OUT, KEYWORD, "optout"),
    ("cancel", OUT, KEYWORD, "cancel"),
    ("CANCEL", OUT, KEYWORD, "cancel"),
    ("please cancel", OUT, KEYWORD, "cancel"),
    ("unsubscribe", OUT, KEYWORD, "unsubscribe"),
    ("Unsubscribe!", OUT, KEYWORD, "unsubscribe"),
    ("UNSUBSCRIBE please", OUT, KEYWORD, "unsubscribe"),
    ("stopall", OUT, KEYWORD, "stopall"),
    ("STOPALL", OUT, KEYWORD, "stopall"),
    ("STOP ALL", OUT, KEYWORD, "stop all"),
    ("Stop all please", OUT, KEYWORD, "stop all"),
    ("remove", OUT, KEYWORD, "remove"),
    ("REMOVE please", OUT, KEYWORD, "remove"),
    ("unsub", OUT, KEYWORD, "unsub"),
    ("UNSUB", OUT, KEYWORD, "unsub"),
    ("td", OUT, KEYWORD, "td"),
    ("TD", OUT, KEYWORD, "td"),
    ("stop2quit", OUT, KEYWORD, "stop2quit"),
    ("stop 2 quit", OUT, KEYWORD, "stop 2 quit"),
    ("stop=quit", OUT, KEYWORD, "stop quit"),
    ("stoptoquit", OUT, KEYWORD, "stoptoquit"),
    ("stop, unsubscribe", OUT, KEYWORD, "stop unsubscribe"),
    ("No stop", OUT, KEYWORD, "stop"),
    ("no. stop.", OUT, KEYWORD, "stop"),
    ("nope, STOP", OUT, KEYWORD, "stop"),
    ("Stop no", OUT, KEYWORD, "stop"),
    (" ".join(["stop"] * 14), OUT, KEYWORD, " ".join(["stop"] * 14)),
]

# ---- opt-in and help keywords, and precedence opt-out > opt-in > help ---------------------------
OPT_IN_AND_HELP: list[Row] = [
    ("START", IN, KEYWORD, "start"),
    ("start", IN, KEYWORD, "start"),
    ("Start please", IN, KEYWORD, "start"),
    ("start \U0001f642", IN, KEYWORD, "start"),
    ("UNSTOP", IN, KEYWORD, "unstop"),
    ("unstop", IN, KEYWORD, "unstop"),
    ("yes", IN, KEYWORD, "yes"),
    ("YES!", IN, KEYWORD, "yes"),
    ("Yes please", IN, KEYWORD, "yes"),
    ("Yes (sent with Loud Effect)", IN, KEYWORD, "yes"),
    ("subscribe", IN, KEYWORD, "subscribe"),
    ("SUBSCRIBE", IN, KEYWORD, "subscribe"),
    ("resubscribe", IN, KEYWORD, "resubscribe"),
    ("opt in", IN, KEYWORD, "opt in"),
    ("OPT-IN", IN, KEYWORD, "opt in"),
    ("optin", IN, KEYWORD, "optin"),
    ("HELP", HELP, KEYWORD, "help"),
    ("help!", HELP, KEYWORD, "help"),
    ("Help?", HELP, KEYWORD, "help"),
    ("help please", HELP, KEYWORD, "help"),
    ("info", HELP, KEYWORD, "info"),
    ("INFO please", HELP, KEYWORD, "info"),
    ("ayuda", HELP, KEYWORD, "ayuda"),
    ("AYUDA", HELP, KEYWORD, "ayuda"),
    ("aide", HELP, KEYWORD, "aide"),
    ("Aide svp", HELP, KEYWORD, "aide"),
    ("stop start", OUT, KEYWORD, "stop start"),
    ("start stop", OUT, KEYWORD, "start stop"),
    ("help stop", OUT, KEYWORD, "help stop"),
    ("yes stop", OUT, KEYWORD, "yes stop"),
    ("start help", IN, KEYWORD, "start help"),
    ("info, yes", IN, KEYWORD, "info yes"),
    ("no yes", NONE, NO_RULE, None),  # a refusal is filler for opt-out keywords only
    ("no help", NONE, NO_RULE, None),
]

# ---- keyword-like messages that are not whole-message keywords ---------------------------------
NOT_KEYWORDS: list[Row] = [
    ("STOP 12345", NONE, NO_RULE, None),  # a keyword followed by a code (medic issue 476)
    ("stop 2", NONE, NO_RULE, None),
    ("Stop! I'm in", NONE, NO_RULE, None),
    ("Stop the bill!", NONE, NO_RULE, None),
    ("Count me in! We have got to STOP this terrible bill from passing!!", NONE, NO_RULE, None),
    ("Stop by later?", NONE, NO_RULE, None),
    ("End of story", NONE, NO_RULE, None),
    ("Yup next stop.", NONE, NO_RULE, None),
    ("start the car", NONE, NO_RULE, None),
    ("yes I'll be there", NONE, NO_RULE, None),
    ("help me move on saturday?", NONE, NO_RULE, None),
    ("info about the event?", NONE, NO_RULE, None),
    ("I quit my job today", NONE, NO_RULE, None),
    ("the end", NONE, NO_RULE, None),
    ("stop it", OUT, KEYWORD, "stop"),  # an object pronoun only reinforces STOP (engine issue)
    ("non stop", NONE, NO_RULE, None),
    ("bus stop", NONE, NO_RULE, None),
    ("stopover", NONE, NO_RULE, None),
    ("endless", NONE, NO_RULE, None),
    ("stopped", NONE, NO_RULE, None),
    ("cancelled", NONE, NO_RULE, None),
    ("STOP VIOLENCE AGAINST WOMEN", NONE, NO_RULE, None),
    ("Sent with Love", NONE, NO_RULE, None),
    ("", NONE, NO_RULE, None),
    ("!!!", NONE, NO_RULE, None),
    ("\U0001f600\U0001f600", NONE, NO_RULE, None),
]

# ---- natural-language opt-outs -------------------------------------------------------------------
INTENT_OPT_OUTS: list[Row] = [
    ("please remove me from your list", OUT, INTENT, "remove me from your list"),
    ("Remove me from this list", OUT, INTENT, "remove me from this list"),
    ("Please remove me from your mailing list.", OUT, INTENT, ANY),
    ("Remove me from the group text", OUT, INTENT, ANY),
    ("remove me please", OUT, INTENT, "remove me"),
    ("Not interested. Remove me", OUT, INTENT, "remove me"),
    ("take me off this list", OUT, INTENT, "take me off this list"),
    ("Take me off your list please", OUT, INTENT, ANY),
    ("take me off", OUT, INTENT, "take me off"),
    ("take my number off your list", OUT, INTENT, ANY),
    ("Please take this number off your list", OUT, INTENT, ANY),
    ("get me off this list", OUT, INTENT, ANY),
    ("how do i get off your list", OUT, INTENT, ANY),
    ("I want to get off your texting list", OUT, INTENT, ANY),
    ("wrong number", OUT, INTENT, "wrong number"),
    ("Wrong number!", OUT, INTENT, "wrong number"),
    ("Wrong #", OUT, INTENT, "wrong number"),
    ("you have the wrong number", OUT, INTENT, "wrong number"),
    ("You've got the wrong number", OUT, INTENT, "wrong number"),
    ("this is the wrong number", OUT, INTENT, "wrong number"),
    ("I think u have the wrong number.", OUT, INTENT, "wrong number"),
    ("sorry, wrong person", OUT, INTENT, "wrong person"),
    ("don't text me", OUT, INTENT, "dont text me"),
    ("Don\u2019t text me again", OUT, INTENT, "dont text me"),
    ("do not text me", OUT, INTENT, "do not text me"),
    ("please do not text this number", OUT, INTENT, "do not text this number"),
    ("Do not contact me", OUT, INTENT, ANY),
    ("dont msg me", OUT, INTENT, ANY),
    ("never text me again", OUT, INTENT, ANY),
    ("Please don't send me any more texts", OUT, INTENT, ANY),
    ("how do I opt out?", OUT, INTENT, ANY),
    ("How do I stop these texts", OUT, INTENT, ANY),
    ("how do i stop this?", OUT, INTENT, ANY),
    ("How do I stop?", OUT, INTENT, ANY),
    ("How can I unsubscribe?", OUT, INTENT, ANY),
    ("how do I make it stop", OUT, INTENT, ANY),
    ("unsubscribe me", OUT, INTENT, "unsubscribe me"),
    ("Please unsubscribe me", OUT, INTENT, "unsubscribe me"),
    ("unsubscribe me from this list", OUT, INTENT, ANY),
    ("opt me out", OUT, INTENT, ANY),
    ("Please opt me out", OUT, INTENT, ANY),
    ("I want to opt out", OUT, INTENT, "opt out"),
    ("I'd like to unsubscribe", OUT, INTENT, "unsubscribe"),
    ("I opted out already!", OUT, INTENT, "opted out"),
    ("I already unsubscribed, stop texting me", OUT, INTENT, ANY),
    ("why can't I unsubscribe?", OUT, INTENT, ANY),
    ("count me out", OUT, INTENT, "count me out"),
    ("no more texts", OUT, INTENT, "no more texts"),
    ("No more texts please", OUT, INTENT, "no more texts"),
    ("please no more messages", OUT, INTENT, "no more messages"),
    ("no more messages!", OUT, INTENT, "no more messages"),
    ("No more!", OUT, INTENT, "no more"),
    ("no texts please", OUT, INTENT, ANY),
    ("no more texting me", OUT, INTENT, ANY),
    ("lose my number", OUT, INTENT, "lose my number"),
    ("Lose this number", OUT, INTENT, "lose this number"),
    ("forget my number", OUT, INTENT, ANY),
    ("delete my number", OUT, INTENT, ANY),
    ("remove my number", OUT, INTENT, "remove my number"),
    ("Remove my number from your list", OUT, INTENT, ANY),
    ("Please remove my name from your list", OUT, INTENT, ANY),
    ("stop texting me", OUT, INTENT, "stop texting me"),
    ("Stop texting me!!", OUT, INTENT, "stop texting me"),
    ("STOP TEXTING ME", OUT, INTENT, "stop texting me"),
    ("please stop texting me", OUT, INTENT, "stop texting me"),
    ("stop texting", OUT, INTENT, "stop texting"),
    ("Stoooop texting me", OUT, INTENT, "stop texting me"),
    ("Stop messaging me", OUT, INTENT, "stop messaging me"),
    ("stop contacting me", OUT, INTENT, ANY),
    ("stop spamming me", OUT, INTENT, ANY),
    ("quit texting me", OUT, INTENT, ANY),
    ("stop calling me", OUT, INTENT, ANY),
    ("stop sending me texts", OUT, INTENT, ANY),
    ("please stop sending text reminders", OUT, INTENT, "stop sending text reminders"),
    ("stop sending me these messages", OUT, INTENT, ANY),
    ("Stop the texts", OUT, INTENT, ANY),
    ("stop these texts please", OUT, INTENT, ANY),
    ("please stop all texts", OUT, INTENT, ANY),
    ("end these messages", OUT, INTENT, ANY),
    ("cancel the text alerts", OUT, INTENT, ANY),
    ("cancel my texts", OUT, INTENT, ANY),
    ("turn off these notifications", OUT, INTENT, ANY),
    ("I want to stop receiving texts", OUT, INTENT, ANY),
    ("I'd like to stop getting these messages", OUT, INTENT, ANY),
    ("I can't stop getting these texts", OUT, INTENT, ANY),
    ("I don't want these messages", OUT, INTENT, "dont want these messages"),
    ("I do not want these texts", OUT, INTENT, ANY),
    ("i dont want to receive texts", OUT, INTENT, ANY),
    ("I don't wish to receive any more messages", OUT, INTENT, ANY),
    ("I no longer want your texts", OUT, INTENT, ANY),
    ("I don't want to be contacted", OUT, INTENT, ANY),
    ("leave me alone", OUT, INTENT, "leave me alone"),
    ("please leave me alone", OUT, INTENT, "leave me alone"),
    ("who is this? stop texting me", OUT, INTENT, "stop texting me"),
    ("Who is this? Stop", OUT, INTENT, ANY),
    ("stop who is this", OUT, INTENT, ANY),
    ("I never signed up for this", OUT, INTENT, ANY),
    ("I never signed up", OUT, INTENT, ANY),
    ("i didnt sign up for these texts", OUT, INTENT, ANY),
    ("I never gave you my number", OUT, INTENT, ANY),
    ("why won't you stop texting me", OUT, INTENT, "stop texting me"),
    ("if you don't stop texting me I'll report you", OUT, INTENT, "stop texting me"),
    ("I'm not interested stop texting me", OUT, INTENT, "stop texting me"),
    ("Don't worry. Stop texting me", OUT, INTENT, "stop texting me"),
    ("Please don't text me anymore. I have nothing else to say.", OUT, INTENT, ANY),
    ("Stop sending (sent with Gentle Effect)", OUT, INTENT, "stop sending"),
    ("I told you to stop texting me", OUT, INTENT, "stop texting me"),
    ("stp texting me", OUT, INTENT, "stp texting me"),
    ("stop textting me", OUT, INTENT, ANY),
    ("Stop calling me!", OUT, INTENT, "stop calling me"),
    ("please stop the calls", OUT, INTENT, "stop the calls"),
    ("end all communication", OUT, INTENT, ANY),
    ("no more spam!!", OUT, INTENT, "no more spam"),
    ("I want to opt out of these texts", OUT, INTENT, ANY),
    ("Is there a way to opt out?", OUT, INTENT, "opt out"),
    ("how to unsubscribe", OUT, INTENT, ANY),
    ("How do I stop receiving these?", OUT, INTENT, ANY),
    ("How do I make these texts stop?", OUT, INTENT, ANY),
    ("Please remove this number", OUT, INTENT, "remove this number"),
    ("remove this number from your database", OUT, INTENT, ANY),
    ("Remove me from the group chat please", OUT, INTENT, ANY),
    ("remove from list", OUT, INTENT, "remove from list"),
    ("take off list", OUT, INTENT, "take off list"),
    ("I would like to be removed from your list", OUT, INTENT, ANY),
    ("I want to be removed", OUT, INTENT, "be removed"),
    ("I didn't ask for this", OUT, INTENT, ANY),
    ("cease and desist", OUT, INTENT, "cease and desist"),
    ("stop w the texts", OUT, INTENT, ANY),
    ("WRONG NUMBER STOP", OUT, INTENT, "wrong number"),
    ("Stop. Wrong number.", OUT, INTENT, "wrong number"),
    ("You will stop texting me!", OUT, INTENT, "stop texting me"),
    ("you can stop texting me now", OUT, INTENT, "stop texting me"),
    ("You can unsubscribe me now", OUT, INTENT, "unsubscribe me"),
]

# ---- hard negatives: ordinary messages that contain opt-out words ------------------------------
HARD_NEGATIVES: list[Row] = [
    ("can you stop by later?", NONE, NO_RULE, None),
    ("I can't stop laughing", NONE, NO_RULE, None),
    ("Great comedy..cant stop laughing da:)", NONE, NO_RULE, None),
    ("please cancel my appointment", NONE, NO_RULE, None),
    ("please cancel my order!", NONE, NO_RULE, None),
    ("Cancel cheyyamo?", NONE, NO_RULE, None),
    ("How do I cancel?", NONE, NO_RULE, None),
    ("when does the sale end?", NONE, NO_RULE, None),
    ("don't stop!", NONE, NO_RULE, None),
    ("remove the late fee", NONE, NO_RULE, None),
    ("please remove the item from my cart", NONE, NO_RULE, None),
    ("please remove me from the waitlist", NONE, NO_RULE, None),
    ("can you remove me from the photo", NONE, NO_RULE, None),
    ("is this the right number?", NONE, NO_RULE, None),
    ("Is this the right number for Dr. Smith?", NONE, NO_RULE, None),
    ("I gave you the wrong number, use this one", NONE, NO_RULE, None),
    ("Oops I dialed the wrong number", NONE, NO_RULE, None),
    ("don't stop texting me", NONE, NO_RULE, None),
    ("Please don't stop texting me", NONE, NO_RULE, None),
    ("never stop texting me", NONE, NO_RULE, None),
    ("I don't want you to stop texting me", NONE, NO_RULE, None),
    ("why did you stop texting me?", NONE, NO_RULE, None),
    ("I never said stop texting me", NONE, NO_RULE, None),
    ("I didn't unsubscribe, why did the texts stop?", NONE, NO_RULE, None),
    ("don't unsubscribe me", NONE, NO_RULE, None),
    ("Don't text and drive!", NONE, NO_RULE, None),
    ("K..u also dont msg or reply to his msg..", NONE, NO_RULE, None),
    ("text me when you get home", NONE, NO_RULE, None),
    ("Can you text me the address?", NONE, NO_RULE, None),
    ("don't text me back, I'm driving", NONE, NO_RULE, None),
    ("dont text me until after 5", NONE, NO_RULE, None),
    ("No more than 5 people please", NONE, NO_RULE, None),
    ("no more excuses", NONE, NO_RULE, None),
    ("Mind blastin.. No more Tsunamis will occur from now on", NONE, NO_RULE, None),
    ("Take me to the game", NONE, NO_RULE, None),
    ("take me off speaker", NONE, NO_RULE, None),
    ("Stop playing", NONE, NO_RULE, None),
    ("I'll stop at the store", NONE, NO_RULE, None),
    ("Don't stop believing", NONE, NO_RULE, None),
    ("I quit smoking!", NONE, NO_RULE, None),
    ("end the call", NONE, NO_RULE, None),
    ("my sister won't stop calling", NONE, NO_RULE, None),
    ("Stop calling everyone saying I might have cancer", NONE, NO_RULE, None),
    ("Yar lor... Keep raining non stop...", NONE, NO_RULE, None),
    ("stop being an old man", NONE, NO_RULE, None),
    ("Stop knowing me so well!", NONE, NO_RULE, None),
    ("I stopped texting him", NONE, NO_RULE, None),
    ("stop texting him", NONE, NO_RULE, None),
    ("Stop it, you're making me blush", NONE, NO_RULE, None),
    ("Please delete my account", NONE, NO_RULE, None),
    ("leave me a message", NONE, NO_RULE, None),
    ("how do I stop the bleeding", NONE, NO_RULE, None),
    ("who is this?", NONE, NO_RULE, None),
    ("I'm done", NONE, NO_RULE, None),
    ("not interested", NONE, NO_RULE, None),
    ("count me out for dinner tonight", NONE, NO_RULE, None),
    ("I never signed up for the gym", NONE, NO_RULE, None),
    ("forget it", NONE, NO_RULE, None),
    ("The weekend is ending", NONE, NO_RULE, None),
    ("I need to lose my number of carbs", NONE, NO_RULE, None),
    ("Don't lose my number!", NONE, NO_RULE, None),
    ("Can I opt out of the survey?", NONE, NO_RULE, None),
    ("I'm opting out of the trip", NONE, NO_RULE, None),
    ("I told him to stop texting me", NONE, NO_RULE, None),
    ("get off it", NONE, NO_RULE, None),
    ("get off the phone", NONE, NO_RULE, None),
    ("I'm getting off the bus now", NONE, NO_RULE, None),
    ("take me off the schedule for friday", NONE, NO_RULE, None),
    ("Can you remove me from the meeting invite?", NONE, NO_RULE, None),
    ("Drop me off at the station", NONE, NO_RULE, None),
    ("how do I stop the car alarm", NONE, NO_RULE, None),
    ("Stop replying to this thread lol", NONE, NO_RULE, None),
    ("Do not reply to this message", NONE, NO_RULE, None),
    ("leave me be for a bit, I'm working", NONE, NO_RULE, None),
    ("You got the wrong guy, it was Mike", NONE, NO_RULE, None),
    ("I didn't ask for this drama", NONE, NO_RULE, None),
    ("Count me in", NONE, NO_RULE, None),
    ("stop calling", NONE, NO_RULE, None),
    ("No more for me thanks, I'm full", NONE, NO_RULE, None),
    ("I don't want any more cake", NONE, NO_RULE, None),
    ("Stop! You're hilarious", NONE, NO_RULE, None),
    ("Don't text me after 9pm", NONE, NO_RULE, None),
    ("don't text me while I'm driving", NONE, NO_RULE, None),
    ("I never agreed to that price", NONE, NO_RULE, None),
    # broadcasts that carry opt-out instructions
    ("Reply STOP to end", NONE, NO_RULE, None),
    ("Txt STOP to 87239 to stop receiving messages", NONE, NO_RULE, None),
    ("To opt out reply STOP", NONE, NO_RULE, None),
    ("2 stop texts call 08712460324 (nat rate)", NONE, NO_RULE, None),
    ("You can unsubscribe at any time by calling 09057039994", NONE, NO_RULE, None),
    ("You are now unsubscribed all services. go to http://example.co.uk", NONE, NO_RULE, None),
    ("Opt-out txt ENG STOP. Box39822 W111WX", NONE, NO_RULE, None),
    # iMessage tapbacks arrive on other phones quoting our own message
    ("Liked \u201cReply STOP to unsubscribe\u201d", NONE, NO_RULE, None),
    ("Emphasized \u201cText STOP to opt out\u201d", NONE, NO_RULE, None),
    ("Loved \u201cThanks for your order! Reply STOP to opt out.\u201d", NONE, NO_RULE, None),
    (
        "Liked \u201cYou have been unsubscribed and will receive no more messages. Reply START"
        " to resubscribe.\u201d",
        NONE,
        NO_RULE,
        None,
    ),
]

# ---- Spanish and French ----------------------------------------------------------------------------
SPANISH_FRENCH: list[Row] = [
    ("alto", OUT, KEYWORD, "alto"),
    ("ALTO", OUT, KEYWORD, "alto"),
    ("parar", OUT, KEYWORD, "parar"),
    ("baja", OUT, KEYWORD, "baja"),
    ("BAJA por favor", OUT, KEYWORD, "baja"),
    ("cancelar", OUT, KEYWORD, "cancelar"),
    ("no m\u00e1s", OUT, KEYWORD, "no mas"),
    ("no mas", OUT, KEYWORD, "no mas"),
    ("NO MAS!", OUT, KEYWORD, "no mas"),
    ("\u00a1No m\u00e1s, gracias!", OUT, KEYWORD, "no mas"),
    ("arret", OUT, KEYWORD, "arret"),
    ("ARR\u00caT", OUT, KEYWORD, "arret"),
    ("Arr\u00eat svp", OUT, KEYWORD, "arret"),
    ("arr\u00eat merci", OUT, KEYWORD, "arret"),
    ("arret stp", OUT, KEYWORD, "arret"),
    ("n\u00famero equivocado", OUT, INTENT, "numero equivocado"),
    ("no me env\u00edes m\u00e1s mensajes", OUT, INTENT, ANY),
    ("no quiero recibir mensajes", OUT, INTENT, ANY),
    ("no m\u00e1s mensajes por favor", OUT, INTENT, ANY),
    ("dejen de enviarme mensajes", OUT, INTENT, ANY),
    ("s\u00e1quenme de la lista", OUT, INTENT, ANY),
    ("quiero darme de baja", OUT, INTENT, ANY),
    ("\u00a1Basta!", OUT, INTENT, "basta"),
    ("desuscribirme por favor", OUT, KEYWORD, "desuscribirme"),  # now a Spanish keyword
    ("mauvais num\u00e9ro", OUT, INTENT, "mauvais numero"),
    ("arr\u00eatez de m\u2019envoyer des messages", OUT, INTENT, ANY),
    ("ne m'envoyez plus de messages", OUT, INTENT, ANY),
    ("je ne veux plus recevoir de messages", OUT, INTENT, ANY),
    ("d\u00e9sabonnez-moi", OUT, INTENT, ANY),
    ("retirez-moi de la liste", OUT, INTENT, ANY),
    ("Arr\u00eate", OUT, INTENT, "arrete"),
    ("cessez les textos", OUT, INTENT, ANY),
    # ordinary Spanish and French
    ("para ma\u00f1ana", NONE, NO_RULE, None),
    ("s\u00ed, nos vemos", NONE, NO_RULE, None),
    ("oui", NONE, NO_RULE, None),
    ("si", NONE, NO_RULE, None),
    ("merci beaucoup", NONE, NO_RULE, None),
    ("alto volumen", NONE, NO_RULE, None),
]

# ---- typos (default typo_mode "confirm") -------------------------------------------------------
TYPOS_CONFIRM: list[Row] = [
    ("Stpo", CONFIRM, TYPO, "stpo"),
    ("SOTP", CONFIRM, TYPO, "sotp"),
    ("UNSUBSCIRBE", CONFIRM, TYPO, "unsubscirbe"),
    ("unsubscrib", CONFIRM, TYPO, "unsubscrib"),
    ("unsubcribe", CONFIRM, TYPO, "unsubcribe"),
    ("stp", CONFIRM, TYPO, "stp"),
    ("opout", CONFIRM, TYPO, "opout"),
    ("optput", CONFIRM, TYPO, "optput"),
    ("opt put", CONFIRM, TYPO, "opt put"),
    ("un subscribe", CONFIRM, TYPO, "un subscribe"),
    ("Stpo please", CONFIRM, TYPO, "stpo"),
    ("STPO!!!", CONFIRM, TYPO, "stpo"),
    ("Stoo", CONFIRM, TYPO, "stoo"),
    ("sto", CONFIRM, TYPO, "sto"),
    ("stops", CONFIRM, TYPO, "stops"),
    ("qiut", CONFIRM, TYPO, "qiut"),
    ("cancle", CONFIRM, TYPO, "cancle"),
    ("remvoe", CONFIRM, TYPO, "remvoe"),
    ("revoek", CONFIRM, TYPO, "revoek"),
    ("stopal", OUT, KEYWORD, "stopal"),  # squeezed spelling of STOPALL, not a typo
    ("unsbu", CONFIRM, TYPO, "unsbu"),
    ("arrte", CONFIRM, TYPO, "arrte"),
    ("cancelr", CONFIRM, TYPO, "cancelr"),
    # real words one edit from a keyword never count
    ("shop", NONE, NO_RULE, None),
    ("step", NONE, NO_RULE, None),
    ("top", NONE, NO_RULE, None),
    ("stoop", NONE, NO_RULE, None),
    ("atop", NONE, NO_RULE, None),
    ("stow", NONE, NO_RULE, None),
    ("spot", NONE, NO_RULE, None),
    ("pots", NONE, NO_RULE, None),
    ("quiet", NONE, NO_RULE, None),
    ("quite", NONE, NO_RULE, None),
    ("suit", NONE, NO_RULE, None),
    ("quiz", NONE, NO_RULE, None),
    ("cancer", NONE, NO_RULE, None),
    ("remote", NONE, NO_RULE, None),
    ("evoke", NONE, NO_RULE, None),
    ("send", NONE, NO_RULE, None),
    ("and", NONE, NO_RULE, None),
    ("ends", NONE, NO_RULE, None),
    ("stare", NONE, NO_RULE, None),
    ("arrest", NONE, NO_RULE, None),
    ("para", NONE, NO_RULE, None),
    ("also", NONE, NO_RULE, None),
    ("alot", NONE, NO_RULE, None),
    ("bajo", NONE, NO_RULE, None),
    ("nuit", NONE, NO_RULE, None),
    ("s top", NONE, NO_RULE, None),
    ("is top", NONE, NO_RULE, None),
    ("stop2", NONE, NO_RULE, None),
]

DEFAULT_ROWS: list[Row] = [
    *OPT_OUT_KEYWORDS,
    *OPT_IN_AND_HELP,
    *NOT_KEYWORDS,
    *INTENT_OPT_OUTS,
    *HARD_NEGATIVES,
    *SPANISH_FRENCH,
    *TYPOS_CONFIRM,
]

# ---- rows that need settings or the UNSTOP flag ----------------------------------------------------
NO_INTENT = EngineSettings(intent_enabled=False)
TYPO_OPT_OUT = EngineSettings(typo_mode="opt_out")
TYPO_IGNORE = EngineSettings(typo_mode="ignore")
WORKSPACE = EngineSettings(
    extra_opt_out_keywords=("BYEBYE", "End texts", "D\u00c9SINSCRIRE", "ok"),
    extra_opt_in_keywords=("JOIN", "STOP"),
    extra_help_keywords=("SUPPORT", "start"),
)
LONG_PADDING = " " * 200
LONG_IGNORE = EngineSettings(long_message_mode="ignore")
LONG_OPT_OUT = EngineSettings(long_message_mode="opt_out")

SettingsRow = tuple[str, EngineSettings | None, bool, Action, Rule, Any]
SETTINGS_ROWS: list[SettingsRow] = [
    # typo modes
    ("Stpo", TYPO_OPT_OUT, False, OUT, TYPO, "stpo"),
    ("SOTP", TYPO_OPT_OUT, False, OUT, TYPO, "sotp"),
    ("unsubscrib", TYPO_OPT_OUT, False, OUT, TYPO, "unsubscrib"),
    ("shop", TYPO_OPT_OUT, False, NONE, NO_RULE, None),
    ("STOP", TYPO_OPT_OUT, False, OUT, KEYWORD, "stop"),
    ("Stpo", TYPO_IGNORE, False, NONE, TYPO, "stpo"),
    ("optput", TYPO_IGNORE, False, NONE, TYPO, "optput"),
    ("STOP", TYPO_IGNORE, False, OUT, KEYWORD, "stop"),
    # intent switched off: keywords and typos still work
    ("stop texting me", NO_INTENT, False, NONE, NO_RULE, None),
    ("wrong number", NO_INTENT, False, NONE, NO_RULE, None),
    ("STOP", NO_INTENT, False, OUT, KEYWORD, "stop"),
    ("Stpo", NO_INTENT, False, CONFIRM, TYPO, "stpo"),
    # exclusions: digits only
    ("12345", None, False, NONE, EXCLUSION, None),
    ("555-1234", None, False, NONE, EXCLUSION, None),
    ("1", None, False, NONE, EXCLUSION, None),
    # exclusions: longer than 200 characters (of the original text)
    ("stop texting me" + LONG_PADDING, None, False, REVIEW, EXCLUSION, "stop texting me"),
    ("wrong number " + "x" * 200, None, False, REVIEW, EXCLUSION, "wrong number"),
    ("stop texting me" + LONG_PADDING, LONG_IGNORE, False, NONE, EXCLUSION, "stop texting me"),
    ("stop texting me" + LONG_PADDING, LONG_OPT_OUT, False, OUT, INTENT, "stop texting me"),
    ("Stpo" + LONG_PADDING, None, False, NONE, EXCLUSION, "stpo"),
    ("Stpo" + LONG_PADDING, TYPO_OPT_OUT, False, NONE, EXCLUSION, "stpo"),
    ("STOP" + LONG_PADDING, None, False, OUT, KEYWORD, "stop"),
    ("please stop texting me" + " " * 170, None, False, OUT, INTENT, "stop texting me"),
    # exclusions: UNSTOP within six months
    ("stop texting me", None, True, REVIEW, EXCLUSION, "stop texting me"),
    ("please remove me from your list", None, True, REVIEW, EXCLUSION, ANY),
    ("stop texting me", LONG_OPT_OUT, True, REVIEW, EXCLUSION, "stop texting me"),
    ("Stpo", None, True, NONE, EXCLUSION, "stpo"),
    ("STOP", None, True, OUT, KEYWORD, "stop"),
    ("unsubscribe", None, True, OUT, KEYWORD, "unsubscribe"),
    ("hello", None, True, NONE, NO_RULE, None),
    # workspace extra keywords
    ("byebye", WORKSPACE, False, OUT, KEYWORD, "byebye"),
    ("ByeBye!!", WORKSPACE, False, OUT, KEYWORD, "byebye"),
    ("byebye please", WORKSPACE, False, OUT, KEYWORD, "byebye"),
    ("end texts", WORKSPACE, False, OUT, KEYWORD, "end texts"),
    ("d\u00e9sinscrire", WORKSPACE, False, OUT, KEYWORD, "desinscrire"),
    ("join", WORKSPACE, False, IN, KEYWORD, "join"),
    ("Join please", WORKSPACE, False, IN, KEYWORD, "join"),
    ("support", WORKSPACE, False, HELP, KEYWORD, "support"),
    ("STOP", WORKSPACE, False, OUT, KEYWORD, "stop"),  # opt-out keeps precedence over opt-in
    ("start", WORKSPACE, False, IN, KEYWORD, "start"),  # opt-in keeps precedence over help
    ("ok", WORKSPACE, False, NONE, NO_RULE, None),  # filler cannot become a keyword
    ("byebye", None, False, NONE, NO_RULE, None),  # not a keyword elsewhere
]


def _check(decision: Any, action: Action, rule: Rule, match: Any, text: str) -> None:
    got = (decision.action, decision.rule, decision.match)
    assert decision.action is action, f"{text!r}: {got} ({decision.detail})"
    assert decision.rule is rule, f"{text!r}: {got} ({decision.detail})"
    if match is not ANY:
        assert decision.match == match, f"{text!r}: {got} ({decision.detail})"


def test_table_has_at_least_300_cases() -> None:
    assert len(DEFAULT_ROWS) + len(SETTINGS_ROWS) >= 300


@pytest.mark.parametrize(
    ("text", "action", "rule", "match"), DEFAULT_ROWS, ids=[row[0][:40] for row in DEFAULT_ROWS]
)
def test_default_settings(text: str, action: Action, rule: Rule, match: Any) -> None:
    _check(classify(text), action, rule, match, text)


@pytest.mark.parametrize(
    ("text", "settings", "unstopped", "action", "rule", "match"),
    SETTINGS_ROWS,
    ids=[row[0][:40].strip() for row in SETTINGS_ROWS],
)
def test_with_settings(
    text: str,
    settings: EngineSettings | None,
    unstopped: bool,
    action: Action,
    rule: Rule,
    match: Any,
) -> None:
    decision = classify(text, settings or EngineSettings(), unstopped_within_six_months=unstopped)
    _check(decision, action, rule, match, text)


def test_word_gates_never_change_an_intent_result_on_the_table() -> None:
    texts = [row[0] for row in DEFAULT_ROWS] + [row[0] for row in SETTINGS_ROWS]
    for text in texts:
        clause_text = clauses(text)
        tokens = plain(clause_text).split()
        gated = find_intent(text, clause_text, tokens)
        ungated = find_intent(text, clause_text, tokens, gated=False)
        assert (gated and gated.rule.name) == (ungated and ungated.rule.name), text
