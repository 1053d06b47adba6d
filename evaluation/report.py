"""Turns scores into the printed tables and the --json document."""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.corpus import Case
from evaluation.metrics import Outcome, Scores, by_group, score
from evaluation.real_sms import RealSmsResult


@dataclass(frozen=True, slots=True)
class SplitReport:
    split: str
    files: list[str]
    overall: Scores
    by_category: dict[str, Scores]
    by_language: dict[str, Scores]
    errors: list[Outcome]


def split_report(split: str, files: list[str], outcomes: list[Outcome]) -> SplitReport:
    return SplitReport(
        split=split,
        files=files,
        overall=score(outcomes),
        by_category=by_group(outcomes, lambda case: case.category),
        by_language=by_group(outcomes, lambda case: case.language),
        errors=[outcome for outcome in outcomes if not outcome.correct],
    )


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _table(title: str, groups: dict[str, Scores]) -> list[str]:
    width = max([len(title), *map(len, groups)])
    lines = [f"  {title:<{width}}  {'cases':>5}  {'accuracy':>8}  {'opt-out recall':>14}"]
    for name, scores in groups.items():
        lines.append(
            f"  {name:<{width}}  {scores.cases:>5}  {_ratio(scores.accuracy):>8}  {_ratio(scores.recall):>14}"
        )
    return lines


def _case_line(case: Case) -> str:
    return f"{case.file}:{case.line} [{case.category}]"


def format_split(report: SplitReport, show_errors: bool) -> list[str]:
    s = report.overall
    predicted = s.true_positives + s.false_positives
    positives = s.true_positives + s.false_negatives
    lines = [
        f"== {report.split}: {s.cases} cases ({', '.join(report.files)})",
        f"  opt-out precision {_ratio(s.precision)} ({s.true_positives}/{predicted} predicted opt-outs)",
        f"  opt-out recall    {_ratio(s.recall)} ({s.true_positives}/{positives} labelled opt_out)",
        f"  accuracy          {_ratio(s.accuracy)} ({s.correct}/{s.cases}, all labels)",
        "",
        *_table("category", report.by_category),
        "",
        *_table("language", report.by_language),
    ]
    if show_errors:
        lines += ["", f"  misclassified ({len(report.errors)}):"]
        for outcome in report.errors:
            lines.append(
                f"    {_case_line(outcome.case)} expected {outcome.case.label}, got {outcome.predicted}: "
                f"{outcome.case.text!r}"
            )
    return lines


def split_json(report: SplitReport, show_errors: bool) -> dict[str, object]:
    data: dict[str, object] = {
        "files": report.files,
        **report.overall.to_dict(),
        "by_category": {name: scores.to_dict() for name, scores in report.by_category.items()},
        "by_language": {name: scores.to_dict() for name, scores in report.by_language.items()},
    }
    if show_errors:
        data["errors"] = [
            {
                "file": o.case.file,
                "line": o.case.line,
                "category": o.case.category,
                "label": o.case.label,
                "predicted": o.predicted,
                "text": o.case.text,
            }
            for o in report.errors
        ]
    return data


def format_real_sms(result: RealSmsResult | str) -> list[str]:
    if isinstance(result, str):
        return ["== real SMS (SMS Spam Collection)", f"  {result}"]
    lines = [f"== real SMS (SMS Spam Collection): {result.path}"]
    for label, part in result.by_label.items():
        others = ", ".join(f"{action} {count}" for action, count in sorted(part.actions.items()))
        lines.append(f"  {label}: {part.messages} messages, {len(part.false_opt_outs)} false opt-outs ({others})")
        lines += [f"    false opt-out: {text!r}" for text in part.false_opt_outs]
    lines.append("  ham messages that really ask to stop:")
    for text, action in result.known_requests.items():
        verdict = "not in the file" if action is None else ("caught" if action == "opt_out" else f"MISSED ({action})")
        lines.append(f"    {verdict}: {text!r}")
    return lines


def real_sms_json(result: RealSmsResult | str) -> dict[str, object]:
    if isinstance(result, str):
        return {"skipped": True, "reason": result}
    return result.to_dict()
