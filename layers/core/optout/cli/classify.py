"""Classify inbound SMS from the command line: `python -m optout classify < messages.txt`.

Reads one message per line from standard input and writes, in the same order, one JSON object
per line: the engine's decision (`action`, `rule`, `match`, `keyword`, `language`, `normalized`,
`detail`, `confidence`, `review_reason`) plus `text`, the input line.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from optout.engine import EngineSettings, classify
from optout.engine.decision import LONG_MESSAGE_MODES, TYPO_MODES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m optout classify",
        description="Classify SMS replies (one per line on stdin) as opt-out, opt-in, help or none.",
    )
    parser.add_argument(
        "--typo-mode",
        choices=TYPO_MODES,
        default="confirm",
        help="what a one-letter typo of an opt-out keyword does (default: confirm)",
    )
    parser.add_argument(
        "--no-intent", action="store_true", help="turn natural-language opt-outs off"
    )
    parser.add_argument(
        "--opt-out-keyword",
        action="append",
        default=[],
        metavar="KEYWORD",
        help="an extra opt-out keyword for this workspace (repeatable)",
    )
    parser.add_argument(
        "--long-message-mode",
        choices=LONG_MESSAGE_MODES,
        default="review",
        help="what a clear request over 200 characters does (default: review)",
    )
    parser.add_argument(
        "--unstopped",
        action="store_true",
        help="treat every sender as having replied UNSTOP within six months",
    )
    return parser


def main(
    argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    args = _parser().parse_args(argv)
    source = sys.stdin if stdin is None else stdin
    sink = sys.stdout if stdout is None else stdout
    settings = EngineSettings(
        intent_enabled=not args.no_intent,
        typo_mode=args.typo_mode,
        extra_opt_out_keywords=tuple(args.opt_out_keyword),
        long_message_mode=args.long_message_mode,
    )
    for line in source:
        text = line.rstrip("\r\n")
        decision = classify(text, settings, unstopped_within_six_months=args.unstopped)
        sink.write(json.dumps({"text": text, **decision.to_dict()}, ensure_ascii=False) + "\n")
    sink.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
