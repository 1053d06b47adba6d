"""The answer of a reassigned-number results upload."""

from __future__ import annotations

from pydantic import Field

from optout.models import DeferredModel


class ReassignedResultsOut(DeferredModel):
    rows: int = Field(description="Answers in the file, one per number and date.")
    stored: int = Field(description="Answers now cached for eligibility's reassigned-number check.")
    kept: int = Field(description="Answers not stored: a \"yes\" already held for that number and date stays.")
