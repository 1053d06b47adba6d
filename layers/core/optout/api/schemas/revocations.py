"""Response body of the revocations report: a page of revocations with their deadlines."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from optout.services.revocations import RevocationRow

__all__ = ["RevocationRow", "RevocationsPage"]


class RevocationsPage(BaseModel):
    model_config = ConfigDict(defer_build=True)

    rows: list[RevocationRow]
    count: int
    next_cursor: str | None = None
