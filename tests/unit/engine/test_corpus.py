"""The engine against 5,574 real SMS (SMS Spam Collection v.1, shared/data beside the repo).

Read as replies to our messages, almost none of them should opt out. The test prints our figures
beside what three naive platform rules would flag (informational), lists every flagged message,
and fails when more than 3 ham or 3 spam messages are wrongly opted out (or sent a typo
confirmation).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from optout.engine import Action, classify
from optout.engine.intent import find_intent
from optout.engine.normalization import clauses, plain

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "sms-spam-collection.tsv"
MAX_FALSE = 2  # the target: at most two false opt-outs among ham and two among spam

# Ham messages that really are opt-out requests (read one by one): flagging them is correct.
GENUINE_OPT_OUTS = frozenset(
    {
        "Please don't text me anymore. I have nothing else to say.",
        "I think u have the wrong number.",
    }
)


def _load() -> list[tuple[str, str]]:
    if not CORPUS.is_file():
        pytest.skip("../shared/data not present: corpus test skipped")
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[1:]  # first line is the header
    return [(label, text) for label, text in (line.split("\t", 1) for line in lines)]


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str]]:
    return _load()


# ---- naive rules, as docs/compliance.md describes them ----------------------------------------------
_TWILIO = {"stop", "unsubscribe", "end", "quit", "stopall", "revoke", "optout", "cancel"}
_AWS = (
    "arret",
    "cancel",
    "end",
    "opt-out",
    "optout",
    "quit",
    "remove",
    "stop",
    "td",
    "unsubscribe",
)
_FIRST_WORD = re.compile(r"[a-z'-]+")
_CONTAINS_STOP = re.compile(r"\bstop\b", re.IGNORECASE)


def twilio_whole_message(text: str) -> bool:
    """Twilio: the whole message is one keyword (surrounding blanks and punctuation ignored)."""
    return text.strip().strip(".!?").lower() in _TWILIO


def aws_begins_with(text: str) -> bool:
    """AWS End User Messaging: the message begins with a keyword."""
    first = _FIRST_WORD.match(text.strip().lower())
    return first is not None and first.group(0) in _AWS


def klaviyo_contains_stop(text: str) -> bool:
    """Klaviyo (US): any message containing the word stop."""
    return _CONTAINS_STOP.search(text) is not None


NAIVE_RULES: dict[str, Callable[[str], bool]] = {
    "Twilio whole-message": twilio_whole_message,
    "AWS begins-with": aws_begins_with,
    "Klaviyo contains-stop": klaviyo_contains_stop,
}


@dataclass
class Tally:
    messages: int = 0
    opt_outs: list[str] = field(default_factory=list)
    confirms: list[str] = field(default_factory=list)
    genuine: list[str] = field(default_factory=list)
    naive: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NAIVE_RULES, 0))


def test_false_opt_outs_on_real_sms(
    corpus: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    tallies = {"ham": Tally(), "spam": Tally()}
    for label, text in corpus:
        tally = tallies[label]
        tally.messages += 1
        decision = classify(text)
        if decision.action is Action.OPT_OUT:
            if label == "ham" and text in GENUINE_OPT_OUTS:
                tally.genuine.append(text)
            else:
                tally.opt_outs.append(f"[{decision.rule.value}: {decision.match}] {text}")
        elif decision.action is Action.CONFIRM:
            tally.confirms.append(f"[{decision.rule.value}: {decision.match}] {text}")
        for name, rule in NAIVE_RULES.items():
            tally.naive[name] += rule(text)

    report = ["", "Opt-out engine on the SMS Spam Collection (false opt-outs; lower is better):"]
    report.append(f"  {'':24}{'ham':>8}{'spam':>8}")
    report.append(f"  {'messages':24}{tallies['ham'].messages:>8}{tallies['spam'].messages:>8}")
    report.append(
        f"  {'ours: opt_out':24}{len(tallies['ham'].opt_outs):>8}{len(tallies['spam'].opt_outs):>8}"
    )
    report.append(
        f"  {'ours: confirm (typo)':24}{len(tallies['ham'].confirms):>8}"
        f"{len(tallies['spam'].confirms):>8}"
    )
    report.append(f"  {'ours: genuine (allowed)':24}{len(tallies['ham'].genuine):>8}{0:>8}")
    for name in NAIVE_RULES:
        report.append(f"  {name:24}{tallies['ham'].naive[name]:>8}{tallies['spam'].naive[name]:>8}")
    for label, tally in tallies.items():
        for line in tally.opt_outs:
            report.append(f"  false opt_out ({label}): {line}")
        for line in tally.confirms:
            report.append(f"  false confirm ({label}): {line}")
        for line in tally.genuine:
            report.append(f"  genuine opt-out ({label}, allowed): {line}")
    with capsys.disabled():
        print("\n".join(report))

    assert tallies["ham"].messages == 4827 and tallies["spam"].messages == 747
    for label, tally in tallies.items():
        assert len(tally.opt_outs) <= MAX_FALSE, f"{label}: {tally.opt_outs}"
        assert len(tally.confirms) <= MAX_FALSE, f"{label}: {tally.confirms}"
    # The genuine requests are the point of the exercise: they must keep being caught.
    assert sorted(tallies["ham"].genuine) == sorted(GENUINE_OPT_OUTS)


def test_word_gates_never_change_an_intent_result(corpus: list[tuple[str, str]]) -> None:
    """find_intent tries only the rules a message's words allow; trying all must agree."""
    for _label, text in corpus:
        clause_text = clauses(text)
        tokens = plain(clause_text).split()
        gated = find_intent(text, clause_text, tokens)
        ungated = find_intent(text, clause_text, tokens, gated=False)
        assert (gated and (gated.rule.name, gated.text)) == (
            ungated and (ungated.rule.name, ungated.text)
        ), text
