"""Pure scoring: opt-out precision and recall, accuracy, and the same per group of cases."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from evaluation.corpus import Case

POSITIVE = "opt_out"  # the label and the action that count as an opt-out


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    predicted: str  # the engine's action value

    @property
    def correct(self) -> bool:
        return self.predicted == self.case.label


@dataclass(frozen=True, slots=True)
class Scores:
    cases: int
    correct: int
    true_positives: int  # labelled opt_out, predicted opt_out
    false_positives: int  # predicted opt_out, labelled anything else
    false_negatives: int  # labelled opt_out, predicted anything else

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.cases if self.cases else None

    @property
    def precision(self) -> float | None:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        positives = self.true_positives + self.false_negatives
        return self.true_positives / positives if positives else None

    def to_dict(self) -> dict[str, int | float | None]:
        return {
            "cases": self.cases,
            "correct": self.correct,
            "accuracy": self.accuracy,
            "opt_out_precision": self.precision,
            "opt_out_recall": self.recall,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


def score(outcomes: Iterable[Outcome]) -> Scores:
    cases = correct = tp = fp = fn = 0
    for outcome in outcomes:
        cases += 1
        correct += outcome.correct
        labelled = outcome.case.label == POSITIVE
        predicted = outcome.predicted == POSITIVE
        tp += labelled and predicted
        fp += predicted and not labelled
        fn += labelled and not predicted
    return Scores(cases, correct, tp, fp, fn)


def by_group(outcomes: Iterable[Outcome], key: Callable[[Case], str]) -> dict[str, Scores]:
    """Scores per group (category, language, ...), groups in sorted order."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(key(outcome.case), []).append(outcome)
    return {name: score(groups[name]) for name in sorted(groups)}


def run(cases: Iterable[Case], classify: Callable[[str], str]) -> list[Outcome]:
    """Classify every case; `classify` maps a text to an action value such as "opt_out"."""
    return [Outcome(case, classify(case.text)) for case in cases]
