"""Table-driven tests of the generalised engine (engine issue items 1-4): the keyword gate that
reads the words around a keyword, the intent families, scope, review, and every language.

Rows come from the issue's examples and our own; none from the evaluation corpus's test split.
"""

from __future__ import annotations

import pytest

from optout.engine import Action, Decision, Rule, classify
from optout.engine.languages import LANGUAGES

OUT, IN, HELP, NONE, REVIEW = (
    Action.OPT_OUT,
    Action.OPT_IN,
    Action.HELP,
    Action.NONE,
    Action.REVIEW,
)

# ---- 1. keyword gate: reinforcing words count, other meanings do not ---------------------------
KEYWORD_GATE: list[tuple[str, Action]] = [
    ("STOP RIGHT NOW", OUT),
    ("stop that", OUT),
    ("Stop \u2013 no thanks", OUT),
    ("ugh stop", OUT),
    ("QUIT IT", OUT),
    ("stop it now!!", OUT),
    ("STOP SCAMMERS", OUT),
    ("stop damn it", OUT),
    ("omg stop", OUT),
    ("Stop stop stop \U0001f621", OUT),
    ("stop forever", OUT),
    ("unsubscribe, I mean it", OUT),
    ("stop this nonsense", OUT),
    ("S-T-O-P", OUT),
    ("s t o p p l s", OUT),
    ("S.T.O.P", OUT),
    ("u n s u b s c r i b e", OUT),
    ("JOIN", IN),
    ("join please", IN),
    # other meanings
    ("stop by", NONE),
    ("stop the payment", NONE),
    ("end of the month", NONE),
    ("cancel my 3pm", NONE),
    ("cancel it", NONE),
    ("end that", NONE),
    ("start it", NONE),
    ("STOP 12345", NONE),
    ("stop the car", NONE),
    ("never stop", NONE),
    ("non stop", NONE),
    ("i c u", NONE),
]

# ---- 2. intent families ---------------------------------------------------------------------
FAMILIES: list[tuple[str, Action, str]] = [
    # reinforced requests with an object
    ("stop the damn texts", OUT, "request"),
    # requests with no object
    ("don't txt", OUT, "no object"),
    ("no more msgs", OUT, "request"),
    ("dont message", OUT, "no object"),
    ("do not call me", OUT, "no object"),
    ("Please don't reach out anymore", OUT, "no object"),
    # dismissals and threats
    ("leave me be", OUT, "dismissal"),
    ("get lost", OUT, "dismissal"),
    ("go away please", OUT, "dismissal"),
    ("I will report this number", OUT, "threat"),
    ("this is harassment", OUT, "threat"),
    ("I'm going to block this number", OUT, "threat"),
    ("I'll sue you", OUT, "threat"),
    # consent
    ("I withdraw my consent", OUT, "consent"),
    ("I never agreed to receive these", OUT, "consent"),
    ("you do not have my permission", OUT, "consent"),
    ("consent revoked", OUT, "consent"),
    # channel switches
    ("contact me by email only", OUT, "channel"),
    ("I prefer mail, no texts", OUT, "channel"),
    ("call me instead", OUT, "channel"),
    ("email me rather than texting", OUT, "channel"),
    # wrong or former owners
    ("she doesn't have this phone anymore", OUT, "wrong owner"),
    ("you have the wrong guy", OUT, "wrong owner"),
    ("he passed away", OUT, "wrong owner"),
    ("no one here by that name", OUT, "wrong owner"),
    ("this was her number, she moved", OUT, "consent"),
    ("I'm not Jennifer", OUT, "name"),
    # questions about stopping
    ("how can I make these stop?", OUT, "question"),
    ("is there a way to unsubscribe?", OUT, "question"),
    ("can you please stop", OUT, "question"),
    # complaints about receiving texts
    ("why do I keep getting these texts", OUT, "complaint"),
    ("too many messages", OUT, "complaint"),
    ("I'm sick of your texts", OUT, "complaint"),
    ("these texts are so annoying", OUT, "complaint"),
    # opt-in and help in natural language
    ("resume my alerts", IN, "opt-in"),
    ("please add me back", IN, "opt-in"),
    ("opt me back in", IN, "opt-in"),
    ("can you help me", HELP, "help"),
    ("I need assistance", HELP, "help"),
    ("who do I contact for help?", HELP, "help"),
]

FAMILY_NEGATIVES: list[str] = [
    "stop sending me the blue one, I wanted red",
    "I don't text much",
    "don't call me that",
    "I want to go away for the weekend",
    "I reported it to the police",
    "my phone died",
    "our neighbour passed away last night, so sad",
    "I'm not sure",
    "I'm not Interested in the game",
    "can you stop by later?",
    "I keep getting headaches",
    "So no messages. Had food?",
    "help me move on saturday?",
    "add me on facebook",
    "Count me in",
    "www.example.com/unsubscribe",
    "Unsubscribing from cable was great",
]

# ---- scope: an opt-out of another channel is not an SMS opt-out ------------------------------
SCOPE: list[tuple[str, Action, Rule]] = [
    ("unsubscribe me from the newsletter but keep texting me", NONE, Rule.EXCLUSION),
    ("unsubscribe me from the emails, texts are fine", NONE, Rule.EXCLUSION),
    ("don't call, text me", NONE, Rule.EXCLUSION),
    ("unsubscribe me from your emails", REVIEW, Rule.INTENT),  # unclear: a person decides
    ("stop calling me", OUT, Rule.INTENT),  # revoking calls revokes texts
    ("please remove me from your mailing list", OUT, Rule.INTENT),
]

# ---- 3. languages: keywords (one per action) and phrasings -----------------------------------
LANGUAGE_ROWS: list[tuple[str, Action, str]] = [
    ("ALTO", OUT, "es"),
    ("no me manden más mensajes", OUT, "es"),
    ("sáquenme de su lista por favor", OUT, "es"),
    ("ARRÊT", OUT, "fr"),
    ("ARRET svp", OUT, "fr"),
    ("ne m'envoyez plus de textos", OUT, "fr"),
    ("PARE", OUT, "pt"),
    ("SAIR", OUT, "pt"),
    ("não quero mais receber mensagens", OUT, "pt"),
    ("ABMELDEN", OUT, "de"),
    ("bitte keine SMS mehr", OUT, "de"),
    ("ANNULLA", OUT, "it"),
    ("non scrivetemi più", OUT, "it"),
    ("REZYGNACJA", OUT, "pl"),
    ("nie wysyłajcie mi więcej SMS-ów", OUT, "pl"),
    ("KANPE", OUT, "ht"),
    ("pa voye mesaj ban mwen ankò", OUT, "ht"),
    ("СТОП", OUT, "ru"),
    ("не присылайте мне больше сообщения", OUT, "ru"),
    ("退订", OUT, "zh"),
    ("退訂", OUT, "zh"),
    ("请不要再发短信给我", OUT, "zh"),
    ("TD退订", OUT, "zh"),
    ("配信停止", OUT, "ja"),
    ("もう送らないでください", OUT, "ja"),
    ("수신거부", OUT, "ko"),
    ("문자 그만 보내세요", OUT, "ko"),
    ("HỦY", OUT, "vi"),
    ("đừng nhắn tin cho tôi nữa", OUT, "vi"),
    ("TIGIL", OUT, "tl"),
    ("wag nyo na po ako i-text", OUT, "tl"),
    ("बंद करो", OUT, "hi"),
    ("mujhe message mat bhejo", OUT, "hi"),
    ("إلغاء", OUT, "ar"),
    ("لا ترسلوا لي رسائل", OUT, "ar"),
    ("AYUDA", HELP, "es"),
    ("AIDE", HELP, "fr"),
    ("帮助", HELP, "zh"),
    ("도움말", HELP, "ko"),
    ("HILFE", HELP, "de"),
    ("订阅", IN, "zh"),
    ("COMENZAR", IN, "es"),
    # ordinary messages in those languages
    ("para mañana", NONE, "es"),
    ("on arrête à 17 h", NONE, "fr"),
    ("vou sair às 5", NONE, "pt"),
    ("取消预约", NONE, "zh"),
    ("예약 취소할게요", NONE, "ko"),
    ("dukan band hai", NONE, "hi"),
]

UNSUPPORTED_ROWS: list[tuple[str, str]] = [
    ("\u0e2b\u0e22\u0e38\u0e14\u0e2a\u0e48\u0e07\u0e02\u0e49\u0e2d\u0e04\u0e27\u0e32\u0e21", "th"),
    ("\u05ea\u05e4\u05e1\u05d9\u05e7\u05d5 \u05dc\u05e9\u05dc\u05d5\u05d7", "he"),
    ("ik wil geen berichten meer van jullie", "nl"),
]


def _show(decision: Decision) -> str:
    return f"{decision.action.value}/{decision.rule.value} ({decision.detail})"


@pytest.mark.parametrize(("text", "action"), KEYWORD_GATE, ids=[r[0] for r in KEYWORD_GATE])
def test_keyword_gate(text: str, action: Action) -> None:
    decision = classify(text)
    assert decision.action is action, _show(decision)
    if action is not NONE:
        assert decision.rule is Rule.KEYWORD, _show(decision)


@pytest.mark.parametrize(("text", "action", "family"), FAMILIES, ids=[r[0] for r in FAMILIES])
def test_families(text: str, action: Action, family: str) -> None:
    decision = classify(text)
    assert decision.action is action, _show(decision)
    assert decision.rule is Rule.INTENT, _show(decision)
    assert decision.match and decision.detail and 0.7 <= decision.confidence <= 1.0


@pytest.mark.parametrize("text", FAMILY_NEGATIVES)
def test_family_negatives(text: str) -> None:
    decision = classify(text)
    assert decision.action in (NONE, REVIEW) and decision.action is not OUT, _show(decision)
    assert decision.action is NONE or decision.review_reason, _show(decision)


@pytest.mark.parametrize(("text", "action", "rule"), SCOPE, ids=[r[0] for r in SCOPE])
def test_scope(text: str, action: Action, rule: Rule) -> None:
    decision = classify(text)
    assert (decision.action, decision.rule) == (action, rule), _show(decision)
    if action is REVIEW:
        assert decision.review_reason == "low confidence"


@pytest.mark.parametrize(("text", "action", "language"), LANGUAGE_ROWS, ids=[r[0] for r in LANGUAGE_ROWS])
def test_languages(text: str, action: Action, language: str) -> None:
    decision = classify(text)
    assert decision.action is action, _show(decision)
    if action is not NONE:
        assert decision.language == language, _show(decision)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_language_has_keywords_and_ten_phrasings(code: str) -> None:
    spec = LANGUAGES[code]
    assert spec.opt_out and spec.opt_in and spec.help, code
    assert len(spec.phrases) >= 10, code
    for keyword in spec.opt_out:
        assert classify(keyword).action is OUT, (code, keyword, _show(classify(keyword)))


@pytest.mark.parametrize(("text", "language"), UNSUPPORTED_ROWS)
def test_unsupported_language_goes_to_review(text: str, language: str) -> None:
    decision = classify(text)
    assert (decision.action, decision.language) == (REVIEW, language), _show(decision)
    assert decision.review_reason and f"({language})" in decision.review_reason


def test_low_confidence_goes_to_review() -> None:
    decision = classify("why are u texting me this late")
    assert decision.action is not OUT or decision.confidence >= 0.7
    death = classify("so sad, my uncle Joe passed away and the funeral is friday")
    assert (death.action, death.review_reason) == (REVIEW, "low confidence"), _show(death)
    assert death.confidence < 0.7


def test_review_contract_for_exclusions_is_kept() -> None:
    decision = classify("no me manden más mensajes", unstopped_within_six_months=True)
    assert (decision.action, decision.rule) == (REVIEW, Rule.EXCLUSION)
    assert decision.review_reason == "opted back in within six months"


def test_broadcasts_in_other_languages_do_not_opt_out() -> None:
    for text in (
        "Oferta: 2x1 en pizzas hoy! Responde ALTO para no recibir más mensajes",
        "Soldes chez nous ce week-end! Textez ARRET pour ne plus recevoir nos offres",
        "【セール】本日限定\uff01配信停止は「停止」と返信してください",
        "(광고) 봄 세일 30% 무료수신거부 080-123-4567",
        "限时优惠\uff01回T退订",
    ):
        assert classify(text).action is NONE, (text, _show(classify(text)))


@pytest.mark.parametrize("text", ["STOP", "stop texting me", "\u9000\u8ba2", "hello"])
def test_decision_is_json_ready_with_language(text: str) -> None:
    data = classify(text).to_dict()
    assert set(data) >= {"action", "language", "confidence", "review_reason"}
