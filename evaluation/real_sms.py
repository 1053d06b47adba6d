"""False opt-outs on real SMS: the SMS Spam Collection, kept outside the repository.

The collection sits in the folder `shared/data` next to the repository (never copied into it).
Nearly every message is ordinary conversation or marketing, so each opt-out the engine finds is a
false one, except the few ham messages that really ask the sender to stop (KNOWN_REQUESTS).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.metrics import POSITIVE

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
FILE_NAME = "sms-spam-collection.tsv"
LABELS = ("ham", "spam")
# Ham messages in the collection that do ask not to be texted: the engine should catch them.
KNOWN_REQUESTS = (
    "Please don't text me anymore. I have nothing else to say.",
    "I think u have the wrong number.",
)


@dataclass(frozen=True, slots=True)
class LabelResult:
    label: str
    messages: int
    false_opt_outs: list[str]
    actions: dict[str, int]  # every action the engine took on these messages, with counts

    def to_dict(self) -> dict[str, object]:
        return {
            "messages": self.messages,
            "false_opt_outs": len(self.false_opt_outs),
            "false_opt_out_texts": self.false_opt_outs,
            "actions": self.actions,
        }


@dataclass(frozen=True, slots=True)
class RealSmsResult:
    path: str
    by_label: dict[str, LabelResult]
    known_requests: dict[str, str | None] = field(default_factory=dict)  # text -> action, None: absent

    def to_dict(self) -> dict[str, object]:
        return {
            "skipped": False,
            "file": self.path,
            "by_label": {label: result.to_dict() for label, result in self.by_label.items()},
            "known_requests": [
                {"text": text, "action": action, "caught": action == POSITIVE}
                for text, action in self.known_requests.items()
            ],
        }


def data_file(folder: Path) -> Path | None:
    path = folder / FILE_NAME
    return path if path.is_file() else None


def load_collection(path: Path) -> list[tuple[str, str]]:
    """(label, text) pairs; the header line and lines without a known label are skipped."""
    messages = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            label, sep, text = raw.rstrip("\r\n").partition("\t")
            if sep and label in LABELS:
                messages.append((label, text))
    return messages


def evaluate(
    messages: list[tuple[str, str]], classify: Callable[[str], str], path: str = ""
) -> RealSmsResult:
    actions: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    false_opt_outs: dict[str, list[str]] = {label: [] for label in LABELS}
    known: dict[str, str | None] = dict.fromkeys(KNOWN_REQUESTS)
    for label, text in messages:
        action = classify(text)
        actions[label][action] += 1
        if label == "ham" and text in known:
            known[text] = action
        elif action == POSITIVE:
            false_opt_outs[label].append(text)
    by_label = {
        label: LabelResult(label, sum(actions[label].values()), false_opt_outs[label], dict(actions[label]))
        for label in LABELS
    }
    return RealSmsResult(path, by_label, known)


def evaluate_folder(folder: Path, classify: Callable[[str], str]) -> RealSmsResult | str:
    """The result, or a sentence saying why the real-SMS check was skipped."""
    path = data_file(folder)
    if path is None:
        return f"skipped: {FILE_NAME} not found in {folder} (the real SMS corpus is optional)"
    return evaluate(load_collection(path), classify, str(path))
