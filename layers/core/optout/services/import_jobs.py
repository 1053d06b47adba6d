"""Import jobs, as the API sees them: create one with a pre-signed upload, start it, read its progress.

The job itself (splitting the file, applying its chunks) is services/import_runner.py; the flow,
the limits and the idempotency rules are in docs/imports.md. Every read and write is keyed by the
caller's workspace, so another workspace's import id is simply not found.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from optout import repository
from optout.errors import Conflict, NotFound
from optout.models import Principal, utc_now
from optout.repository import import_files
from optout.repository import imports as store
from optout.repository.imports import ImportJob
from optout.rules.import_chunks import progress_percent
from optout.services.accounts import get_workspace

MAX_UPLOAD_BYTES = 256 * 1024 * 1024  # 1,000,000 rows of up to ~250 bytes each
UPLOAD_EXPIRES_SECONDS = 15 * 60
DOWNLOAD_EXPIRES_SECONDS = 15 * 60
_ID = re.compile(r"^imp_[0-9a-f]{22}$")


@dataclass(frozen=True)
class UploadForm:
    url: str
    fields: dict[str, str]
    expires_at: datetime
    max_bytes: int


@dataclass(frozen=True)
class ImportView:
    job: ImportJob
    rejected_url: str | None

    @property
    def progress(self) -> int:
        return progress_percent(self.job.rows_done, self.job.rows_total, finished=self.job.status == "done")


def new_import_id(now: datetime) -> str:
    """`imp_` + milliseconds since the epoch (12 hex digits) + 10 random hex digits: ids sort by
    creation time, which lists a workspace's imports newest first."""
    return f"imp_{int(now.timestamp() * 1000):012x}{secrets.token_hex(5)}"


def create_import(principal: Principal, *, filename: str | None, source: str | None) -> tuple[ImportJob, UploadForm]:
    """A new import waiting for its file, and the form that uploads it (to this import's key only)."""
    now = utc_now()
    import_id = new_import_id(now)
    job = ImportJob(
        workspace_id=principal.workspace_id,
        id=import_id,
        filename=filename,
        source=source,
        created_by=principal.initiator,
        role=principal.role,
        region=get_workspace(principal.workspace_id).settings.default_region,
        upload_key=import_files.upload_key(principal.workspace_id, import_id),
        created_at=now,
    )
    store.put_import(job)
    url, fields = import_files.upload_form(
        job.upload_key, max_bytes=MAX_UPLOAD_BYTES, expires_in=UPLOAD_EXPIRES_SECONDS
    )
    return job, UploadForm(url, fields, now + timedelta(seconds=UPLOAD_EXPIRES_SECONDS), MAX_UPLOAD_BYTES)


def _own_import(principal: Principal, import_id: str) -> ImportJob:
    job = store.get_import(principal.workspace_id, import_id) if _ID.match(import_id) else None
    if job is None:
        raise NotFound("import not found", code="import_not_found", details={"id": import_id[:64]})
    return job


def start_import(principal: Principal, import_id: str) -> ImportJob:
    """Start an uploaded import now (the upload's notification starts it too, whichever is first)."""
    job = _own_import(principal, import_id)
    if job.status != "waiting_for_upload":
        raise Conflict("this import has started already", code="import_started", details={"status": job.status})
    if import_files.object_size(job.upload_key) is None:
        raise Conflict("upload the file first, with the upload_url and fields", code="not_uploaded")
    if not store.claim_import(job.workspace_id, job.id, utc_now()):
        raise Conflict("this import has started already", code="import_started")
    message = {"kind": "split", "workspace_id": job.workspace_id, "import_id": job.id}
    import_files.send_messages(import_files.uploads_queue_url(), [json.dumps(message)])
    return _own_import(principal, import_id)


def get_import(principal: Principal, import_id: str) -> ImportView:
    return view(_own_import(principal, import_id))


def view(job: ImportJob) -> ImportView:
    """The job with a fresh download link of its rejected rows, once they are joined."""
    url = None
    if job.status == "done" and job.rejected_key:
        url = import_files.download_url(
            job.rejected_key, f"{job.id}-rejected.csv", expires_in=DOWNLOAD_EXPIRES_SECONDS
        )
    return ImportView(job, url)


def list_imports(principal: Principal, *, limit: int, cursor: str | None) -> tuple[list[ImportView], str | None]:
    """A page of the workspace's imports, newest first, and the next page's cursor."""
    scope = {"w": principal.workspace_id, "r": "imports"}
    start = repository.page_start(cursor, scope)
    jobs, last = store.list_imports(principal.workspace_id, limit=limit, start_key=start)
    return [view(job) for job in jobs], repository.next_page(last, scope)
