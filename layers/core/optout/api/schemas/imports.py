"""The answer of a CSV import."""

from __future__ import annotations

from pydantic import BaseModel


class Rejection(BaseModel):
    line: int
    reason: str
    phone: str | None = None


class ImportOut(BaseModel):
    rows: int
    created: int
    updated: int
    opted_out: int
    kept: int
    rejected: int
    rejections: list[Rejection]
