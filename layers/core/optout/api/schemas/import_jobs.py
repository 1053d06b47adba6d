"""Import jobs at the API's edge: the request that creates one, and how one is shown."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from optout.api.schemas.common import Strict
from optout.models import DeferredModel


class ImportIn(Strict):
    """Optional labels of an import, shown back as they were sent."""

    filename: str | None = Field(default=None, max_length=255, description="The file's name, for people.")
    source: str | None = Field(default=None, max_length=100, description="Where the list came from (a label).")


class ImportFailure(DeferredModel):
    code: str
    message: str


class ImportJobOut(DeferredModel):
    id: str
    status: str = Field(description="waiting_for_upload, running, done or failed.")
    filename: str | None
    source: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    rows_total: int | None = Field(description="Rows in the file (blank lines aside), known once it is split.")
    rows_done: int
    progress: int = Field(description="Whole percent of rows_total done; 100 once done.")
    chunks_total: int | None
    chunks_done: int
    created: int
    updated: int
    opted_out: int
    kept: int
    rejected: int
    rejected_url: str | None = Field(description="A short-lived download of the rejected rows (CSV), once done.")
    error: ImportFailure | None = Field(description="Why the import failed.")

    @classmethod
    def of(cls, view: Any, **extra: Any) -> Any:
        job = view.job
        error = ImportFailure(code=job.error_code, message=job.error_message or "") if job.error_code else None
        values = {name: getattr(job, name) for name in ImportJobOut.model_fields if hasattr(job, name)}
        return cls(**{**values, "rejected_url": view.rejected_url, "progress": view.progress, "error": error, **extra})


class ImportCreated(ImportJobOut):
    upload_url: str = Field(description="POST the file here as multipart/form-data, after `fields`.")
    fields: dict[str, str] = Field(description="Form fields to send, in this order, before the `file` field.")
    upload_expires_at: datetime
    max_upload_bytes: int


class ImportPage(DeferredModel):
    items: list[ImportJobOut]
    next_cursor: str | None
