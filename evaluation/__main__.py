"""`python -m evaluation`: scores the opt-out engine on the corpus and on real SMS messages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evaluation import real_sms
from evaluation.corpus import CORPUS_DIR, SPLITS, CorpusError, load_split, split_files
from evaluation.metrics import run
from evaluation.report import format_real_sms, format_split, real_sms_json, split_json, split_report

TEST_ERRORS_HIDDEN = (
    "  (misclassified test cases are not listed with --split all: the test split is for measuring,"
    " never for tuning; use --split test --show-errors only for a final analysis)"
)


def engine_action(text: str) -> str:
    """The engine's action under default settings, as its string value."""
    from optout.engine import DEFAULT_SETTINGS, classify

    return classify(text, DEFAULT_SETTINGS).action.value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all", help="split to score (default: all)")
    parser.add_argument(
        "--show-errors", action="store_true", help="list misclassified cases (tune on dev only, never on test)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--sms-data",
        type=Path,
        default=real_sms.DEFAULT_DATA_DIR,
        metavar="DIR",
        help="folder holding sms-spam-collection.tsv (default: shared/data beside the repository)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)
    try:
        loaded = {split: load_split(split, args.corpus) for split in splits}
    except CorpusError as exc:
        print(f"corpus error: {exc}", file=sys.stderr)
        return 2
    text_lines: list[str] = []
    split_docs: dict[str, object] = {}
    for split, cases in loaded.items():
        files = [path.name for path in split_files(split, args.corpus)]
        report = split_report(split, files, run(cases, engine_action))
        # With --split all, only dev errors are shown: a glance at test errors is how tuning starts.
        show = args.show_errors and (split != "test" or args.split == "test")
        text_lines += [*format_split(report, show), ""]
        if args.show_errors and not show:
            text_lines += [TEST_ERRORS_HIDDEN, ""]
        split_docs[split] = split_json(report, show)
    result = real_sms.evaluate_folder(args.sms_data, engine_action)
    text_lines += format_real_sms(result)
    document = {"splits": split_docs, "real_sms": real_sms_json(result)}
    print(json.dumps(document, indent=2, ensure_ascii=False) if args.json else "\n".join(text_lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
