"""Answers the engine keeps between messages (speed, issue #9 item 7) are the answers it would
compute: the rules a message's words allow, its language, and the clause marks of "..." runs.
Examples and generated strings written for these tests, not taken from the corpus."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from optout.engine import classifier, normalization
from optout.engine.detect import _ranked, _voted, _word_languages, detect_latin, ranked
from optout.engine.intent import PREFIXES, candidates, rules
from optout.engine.keywords import default_table

_DEV = Path(__file__).resolve().parents[3] / "evaluation" / "corpus" / "dev"
_OWN = [
    "please remove me from your list",
    "unsubscribe me from the newsletter but keep texting me",
    "desabonnez moi svp",
    "can you stop by later? I can't stop laughing",
    "who is this? stop texting me",
    "I will report this number",
    "Ok lar... Joking wif u oni...",
    "no mas mensajes por favor",
    "bitte keine SMS mehr",
]


def _messages() -> list[str]:
    texts = list(_OWN)
    for path in sorted(_DEV.glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return texts


def _allowed_by_definition(clause_text: str, tokens: list[str]) -> list[int]:
    """The rules whose every `needs` group has a word in the message, read from the rule table itself
    (and the rules matching through a prefix, when the message has one)."""
    words = set(tokens)
    prefix_hit = bool(PREFIXES.search(clause_text))
    return [
        position
        for position, rule in enumerate(rules())
        if all(not group.isdisjoint(words) for group in rule.needs) or (prefix_hit and rule.prefixed)
    ]


def test_rules_a_message_allows_are_the_rules_whose_needs_it_meets() -> None:
    # Twice over: the second pass reads the kept answers.
    for _ in range(2):
        for text in _messages():
            clause_text = normalization.clauses(text)
            tokens = clause_text.replace(",", " ").split()
            assert list(candidates(clause_text, tokens)) == _allowed_by_definition(clause_text, tokens), text


def test_every_needed_word_of_every_rule_can_make_a_message_try_it() -> None:
    # A rule's own needed words, one of each group, always reach it: no rule can be left out of the index.
    for position, rule in enumerate(rules()):
        for group in rule.needs:
            for word in sorted(group):
                tokens = [word, *(sorted(other)[0] for other in rule.needs if other is not group)]
                assert position in candidates(" ".join(tokens), tokens), (rule.name, word)


def _votes_by_definition(tokens: list[str]) -> list[str]:
    table = _word_languages()
    votes: dict[str, int] = {}
    for token in sorted(set(tokens) & set(table)):
        for code in table[token]:
            votes[code] = votes.get(code, 0) + 1
    return sorted(votes, key=lambda code: -votes[code])


def test_kept_language_answers_match_a_fresh_count() -> None:
    for text in _messages():
        tokens = normalization.normalize(text).split()
        _voted.cache_clear()
        fresh = detect_latin(text, tokens)
        assert detect_latin(text, tokens) == fresh, text  # the second call reads the kept answer
        assert ranked(tokens) == _votes_by_definition(tokens), text
    _ranked.cache_clear()


def test_words_kept_as_plain_are_unknown_and_without_a_doubled_letter() -> None:
    table = default_table()
    split = [normalization.normalize(text).split() for text in _messages()]
    split = [tokens for tokens in split if tokens]
    classifier._PLAIN.clear()
    fresh = [classifier._squeezed(tokens, table) for tokens in split]
    assert classifier._PLAIN  # the corpus fills it
    for word in classifier._PLAIN:
        assert word not in table.vocabulary and re.search(r"(.)\1", word) is None, word
    kept = [classifier._squeezed(tokens, table) for tokens in split]
    assert kept == fresh


# The ASCII path as first written: every clause mark spaced out, then runs of marks joined by a regex.
def _reference_ascii_clauses(text: str) -> str:
    raw = text.lower().encode("ascii").translate(normalization._ASCII_PUNCT, b"'`").decode("ascii")
    text = " ".join(raw.replace("\x01", " , ").split())
    if ", ," in text:
        text = re.sub(r",(?: ,)+", ",", text)
    if re.search(r"(.)\1\1", text):
        text = normalization._LETTER_RUN.sub(r"\1", text)
    text = text.strip(" ,")
    if "sent with" in text:
        text = normalization._EFFECT_SUFFIX.sub("", text).strip(" ,")
    return text


_PIECES = ("stop", "ok", "a", ".", "..", "...", "!", "?!", " ", "  ", ",", ";", ":", "\n", "-", "'", "sent with love")


@pytest.mark.parametrize("seed", range(4))
def test_runs_of_clause_marks_read_as_the_reference_reads_them(seed: int) -> None:
    chooser = random.Random(seed)  # fixed seeds: the same strings every run
    for _ in range(3000):
        text = "".join(chooser.choice(_PIECES) for _ in range(chooser.randint(0, 12)))
        assert normalization._ascii_clauses(text) == _reference_ascii_clauses(text), repr(text)
