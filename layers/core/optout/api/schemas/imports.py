"""The answer of a CSV import."""

from __future__ import annotations

from optout.models import DeferredModel


class Rejection(DeferredModel):
    line: int
    reason: str
    phone: str | None = None


class ImportOut(DeferredModel):
    rows: int
    created: int
    updated: int
    opted_out: int
    kept: int
    rejected: int
    rejections: list[Rejection]
