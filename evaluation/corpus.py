"""Loads and validates the labelled corpus: JSON Lines, one case per line, every field checked."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
SPLITS = ("dev", "test")
LABELS = ("opt_out", "opt_in", "help", "review", "none")
FIELDS = ("text", "label", "category", "language", "source")
# Hard negatives: replies that must not opt out although they look as if they might.
HARD_NEGATIVE_PREFIX = "neg_"
HARD_NEGATIVE_CATEGORIES = frozenset({"scoped_elsewhere"})

_CATEGORY = re.compile(r"[a-z][a-z0-9_]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")


class CorpusError(ValueError):
    """A corpus file or line that does not follow the format; says which file and line."""


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    label: str
    category: str
    language: str
    source: str | None
    file: str  # file name inside the split folder, for error messages
    line: int


def is_hard_negative(category: str) -> bool:
    return category.startswith(HARD_NEGATIVE_PREFIX) or category in HARD_NEGATIVE_CATEGORIES


def parse_line(raw: str, file: str, line: int) -> Case:
    """One JSON line to a Case, or CorpusError naming the field that is wrong."""
    where = f"{file}:{line}"
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise CorpusError(f"{where}: each line must be a JSON object")
    missing = [name for name in FIELDS if name not in data]
    unknown = sorted(set(data) - set(FIELDS))
    if missing or unknown:
        raise CorpusError(f"{where}: missing fields {missing}, unknown fields {unknown}")
    text, label, category = data["text"], data["label"], data["category"]
    language, source = data["language"], data["source"]
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: text must be a non-empty string")
    if label not in LABELS:
        raise CorpusError(f"{where}: label must be one of {', '.join(LABELS)}, not {label!r}")
    if not isinstance(category, str) or not _CATEGORY.fullmatch(category):
        raise CorpusError(f"{where}: category must be a snake_case name, not {category!r}")
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
        raise CorpusError(f"{where}: language must be a code such as 'en', not {language!r}")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise CorpusError(f"{where}: source must be null or a non-empty string")
    return Case(text, label, category, language, source, file, line)


def load_file(path: Path) -> list[Case]:
    cases = []
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():  # a blank line (such as a trailing one) carries no case
                cases.append(parse_line(raw, path.name, number))
    return cases


def split_files(split: str, root: Path = CORPUS_DIR) -> list[Path]:
    if split not in SPLITS:
        raise CorpusError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    return sorted((root / split).glob("*.jsonl"))


def _check_repeat(case: Case, first: Case) -> None:
    # One word may be a keyword in two languages ("INFO"), but never twice in one language, and
    # one text never carries two labels.
    if first.language == case.language or first.label != case.label:
        raise CorpusError(
            f"{case.file}:{case.line}: same text as {first.file}:{first.line} "
            f"({first.language} {first.label}, here {case.language} {case.label}): {case.text!r}"
        )


def load_split(split: str, root: Path = CORPUS_DIR) -> list[Case]:
    """Every case of one split, from all of its .jsonl files; repeated texts are checked."""
    files = split_files(split, root)
    if not files:
        raise CorpusError(f"split {split!r} has no .jsonl files in {root / split}")
    cases: list[Case] = []
    seen: dict[str, list[Case]] = {}
    for path in files:
        for case in load_file(path):
            for first in seen.get(case.text, []):
                _check_repeat(case, first)
            seen.setdefault(case.text, []).append(case)
            cases.append(case)
    return cases
