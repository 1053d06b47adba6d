"""The evaluation harness: metric arithmetic, corpus validation, the corpus itself, real-SMS part."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from evaluation import real_sms
from evaluation.corpus import (
    SPLITS,
    Case,
    CorpusError,
    is_hard_negative,
    load_file,
    load_split,
    parse_line,
)
from evaluation.metrics import Outcome, by_group, run, score

cli = importlib.import_module("evaluation.__main__")

REQUIRED_CATEGORIES = (
    "keyword_bare",
    "keyword_reinforced",
    "keyword_spelled",
    "request_no_object",
    "request_with_object",
    "dismissal_threat",
    "consent_revocation",
    "channel_switch",
    "wrong_owner",
    "question_how_to_stop",
    "complaint",
    "long_request",
    "opt_in_keyword",
    "opt_in_natural",
    "help_keyword",
    "help_natural",
    "scoped_elsewhere",
    "neg_conversation_keyword",
    "neg_marketing",
    "neg_digits",
    "neg_links",
    "neg_signature",
    "neg_ordinary",
)
# Keyword-only categories have few possible texts ("STOP", "Stop"): both splits may hold the same.
SHARED_TEXT_ALLOWED = {"keyword_bare", "keyword_reinforced", "keyword_spelled", "opt_in_keyword", "help_keyword", "neg_digits"}


def case(label: str, category: str = "c", language: str = "en", text: str = "x") -> Case:
    return Case(text, label, category, language, None, "f.jsonl", 1)


def line(**overrides: object) -> str:
    data: dict[str, object] = {"text": "stop", "label": "opt_out", "category": "keyword_bare", "language": "en", "source": None}
    data.update(overrides)
    return json.dumps({k: v for k, v in data.items() if v is not ...})


# --- metrics ------------------------------------------------------------------------------------

SYNTHETIC = [  # (label, predicted): 3 true positives, 1 false negative, 2 false positives
    ("opt_out", "opt_out"),
    ("opt_out", "opt_out"),
    ("opt_out", "opt_out"),
    ("opt_out", "confirm"),
    ("none", "opt_out"),
    ("review", "opt_out"),
    ("none", "none"),
    ("help", "help"),
    ("opt_in", "none"),
    ("review", "review"),
]


def test_scores_count_opt_out_precision_recall_and_accuracy() -> None:
    scores = score(Outcome(case(label), predicted) for label, predicted in SYNTHETIC)
    assert (scores.cases, scores.correct) == (10, 6)
    assert (scores.true_positives, scores.false_positives, scores.false_negatives) == (3, 2, 1)
    assert scores.precision == pytest.approx(3 / 5)
    assert scores.recall == pytest.approx(3 / 4)
    assert scores.accuracy == pytest.approx(6 / 10)


@pytest.mark.parametrize(
    ("pairs", "precision", "recall", "accuracy"),
    [
        ([], None, None, None),
        ([("none", "none")], None, None, 1.0),  # nothing labelled or predicted opt_out
        ([("none", "opt_out")], 0.0, None, 0.0),
        ([("opt_out", "none")], None, 0.0, 0.0),
        ([("opt_out", "opt_out"), ("help", "none")], 1.0, 1.0, 0.5),
    ],
)
def test_scores_without_denominator_are_none(pairs, precision, recall, accuracy) -> None:
    scores = score(Outcome(case(label), predicted) for label, predicted in pairs)
    assert (scores.precision, scores.recall, scores.accuracy) == (precision, recall, accuracy)


def test_by_group_scores_each_category_and_language() -> None:
    outcomes = [
        Outcome(case("opt_out", "a", "en"), "opt_out"),
        Outcome(case("opt_out", "a", "es"), "none"),
        Outcome(case("none", "b", "es"), "none"),
    ]
    categories = by_group(outcomes, lambda c: c.category)
    assert list(categories) == ["a", "b"]
    assert (categories["a"].recall, categories["a"].accuracy) == (0.5, 0.5)
    assert categories["b"].recall is None
    languages = by_group(outcomes, lambda c: c.language)
    assert (languages["en"].cases, languages["es"].cases, languages["es"].accuracy) == (1, 2, 0.5)


def test_run_asks_the_classifier_for_every_case() -> None:
    outcomes = run([case("opt_out", text="STOP"), case("none", text="hi")], lambda t: "opt_out" if t == "STOP" else "help")
    assert [(o.predicted, o.correct) for o in outcomes] == [("opt_out", True), ("help", False)]


# --- corpus loader ------------------------------------------------------------------------------


def test_parse_line_reads_a_valid_case() -> None:
    parsed = parse_line(line(source="https://example.com/case"), "english.jsonl", 3)
    assert (parsed.text, parsed.label, parsed.source, parsed.file, parsed.line) == (
        "stop", "opt_out", "https://example.com/case", "english.jsonl", 3,
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["stop"]', "JSON object"),
        (line(source=...), "missing fields ['source']"),
        (line(extra=1), "unknown fields ['extra']"),
        (line(text=""), "text"),
        (line(text="   "), "text"),
        (line(text=5), "text"),
        (line(label="confirm"), "label"),
        (line(label="OPT_OUT"), "label"),
        (line(category="Keyword Bare"), "category"),
        (line(category=None), "category"),
        (line(language="English"), "language"),
        (line(language=""), "language"),
        (line(source=""), "source"),
        (line(source=7), "source"),
    ],
)
def test_parse_line_rejects_a_bad_line_naming_the_place(raw: str, message: str) -> None:
    with pytest.raises(CorpusError, match=r"english\.jsonl:9") as info:
        parse_line(raw, "english.jsonl", 9)
    assert message in str(info.value)


def test_load_split_reads_every_file_and_checks_repeated_texts(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "a.jsonl").write_text(line(text="stop") + "\n\n", encoding="utf-8")
    (tmp_path / "dev" / "b.jsonl").write_text(line(text="hola", language="es") + "\n", encoding="utf-8")
    assert [c.text for c in load_split("dev", tmp_path)] == ["stop", "hola"]
    (tmp_path / "dev" / "c.jsonl").write_text(line(text="stop", language="fr") + "\n", encoding="utf-8")
    assert len(load_split("dev", tmp_path)) == 3  # the same keyword in another language
    (tmp_path / "dev" / "d.jsonl").write_text(line(text="stop", language="de", label="none") + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"d\.jsonl:1: same text as a\.jsonl:1 \(en opt_out, here de none\)"):
        load_split("dev", tmp_path)
    (tmp_path / "dev" / "d.jsonl").write_text(line(text="stop") + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"d\.jsonl:1: same text as a\.jsonl:1"):
        load_split("dev", tmp_path)


def test_load_split_rejects_an_unknown_or_empty_split(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="unknown split"):
        load_split("train", tmp_path)
    with pytest.raises(CorpusError, match=r"no \.jsonl files"):
        load_split("test", tmp_path)


# --- the corpus itself --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[Case]]:
    return {split: load_split(split) for split in SPLITS}  # validates every line of every file


def test_corpus_size_counts_every_file_present(corpus: dict[str, list[Case]]) -> None:
    total = sum(len(cases) for cases in corpus.values())
    english = sum(c.language == "en" for cases in corpus.values() for c in cases)
    assert english >= 1000
    # Once both splits hold non-English cases (the multilingual files), the corpus reaches 2,000.
    if all(any(c.language != "en" for c in cases) for cases in corpus.values()):
        assert total >= 2000, f"{total} cases across splits"


@pytest.mark.parametrize("split", SPLITS)
def test_each_split_is_at_least_30_percent_hard_negatives(corpus: dict[str, list[Case]], split: str) -> None:
    cases = corpus[split]
    hard = sum(is_hard_negative(c.category) for c in cases)
    assert hard / len(cases) >= 0.30, f"{split}: {hard}/{len(cases)} hard negatives"


@pytest.mark.parametrize("split", SPLITS)
def test_each_english_category_has_15_cases(corpus: dict[str, list[Case]], split: str) -> None:
    counts = {name: 0 for name in REQUIRED_CATEGORIES}
    for c in corpus[split]:
        if c.language == "en" and c.category in counts:
            counts[c.category] += 1
    assert {name: n for name, n in counts.items() if n < 15} == {}


@pytest.mark.parametrize("split", SPLITS)
def test_labels_follow_the_200_character_review_rule(corpus: dict[str, list[Case]], split: str) -> None:
    wrong = [
        (c.file, c.line)
        for c in corpus[split]
        if (c.label == "review" and len(c.text) <= 200) or (c.label == "opt_out" and len(c.text) > 200)
    ]
    assert wrong == []


def test_no_case_is_in_both_splits(corpus: dict[str, list[Case]]) -> None:
    def key(c: Case) -> str:
        return " ".join(c.text.casefold().split())

    test_texts = {key(c) for c in corpus["test"]}
    leaked = [c.text for c in corpus["dev"] if c.category not in SHARED_TEXT_ALLOWED and key(c) in test_texts]
    assert leaked == []


# --- real SMS and the command line --------------------------------------------------------------


def test_real_sms_is_skipped_cleanly_when_the_folder_is_absent(tmp_path: Path) -> None:
    result = real_sms.evaluate_folder(tmp_path / "absent", lambda text: "opt_out")
    assert isinstance(result, str)
    assert result.startswith("skipped:")


def test_command_line_reports_the_skip_and_succeeds(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "engine_action", lambda text: "none")
    assert cli.main(["--split", "dev", "--sms-data", str(tmp_path / "absent")]) == 0
    assert "skipped: sms-spam-collection.tsv not found" in capsys.readouterr().out
    assert cli.main(["--split", "dev", "--json", "--sms-data", str(tmp_path / "absent")]) == 0
    assert json.loads(capsys.readouterr().out)["real_sms"]["skipped"] is True


def test_real_sms_counts_false_opt_outs_per_label_and_the_known_requests(tmp_path: Path) -> None:
    known, wrong = real_sms.KNOWN_REQUESTS
    rows = ["Label\tSMS", f"ham\t{known}", f"ham\t{wrong}", "ham\tYup next stop.", "ham\tok lar",
            "spam\tWIN now! Reply STOP to end", "spam\tFree entry"]
    (tmp_path / real_sms.FILE_NAME).write_text("\n".join(rows) + "\n", encoding="utf-8")
    flagged = {known, "Yup next stop.", "WIN now! Reply STOP to end"}
    result = real_sms.evaluate_folder(tmp_path, lambda text: "opt_out" if text in flagged else "none")
    assert not isinstance(result, str)
    assert result.by_label["ham"].messages == 4
    assert result.by_label["ham"].false_opt_outs == ["Yup next stop."]
    assert result.by_label["spam"].false_opt_outs == ["WIN now! Reply STOP to end"]
    assert result.known_requests == {known: "opt_out", wrong: "none"}


def test_show_errors_keeps_test_errors_hidden_unless_the_test_split_is_named(tmp_path: Path, capsys, monkeypatch) -> None:
    for split in SPLITS:
        (tmp_path / split).mkdir()
        (tmp_path / split / "english.jsonl").write_text(line(text=f"{split} secret") + "\n", encoding="utf-8")
    monkeypatch.setattr(cli, "engine_action", lambda text: "none")
    absent = str(tmp_path / "absent")
    assert cli.main(["--show-errors", "--corpus", str(tmp_path), "--sms-data", absent]) == 0
    out = capsys.readouterr().out
    assert "dev secret" in out and "test secret" not in out
    assert cli.main(["--split", "test", "--show-errors", "--corpus", str(tmp_path), "--sms-data", absent]) == 0
    assert "test secret" in capsys.readouterr().out


def test_command_line_exits_2_on_a_bad_corpus(tmp_path: Path, capsys) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "english.jsonl").write_text(line(label="maybe") + "\n", encoding="utf-8")
    assert cli.main(["--split", "dev", "--corpus", str(tmp_path), "--sms-data", str(tmp_path)]) == 2
    assert "english.jsonl:1" in capsys.readouterr().err


def test_load_file_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text("\n" + line() + "\n\n", encoding="utf-8")
    assert [(c.text, c.line) for c in load_file(path)] == [("stop", 2)]
