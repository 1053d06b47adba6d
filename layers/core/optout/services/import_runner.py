"""The import job: split an uploaded file into chunks, then apply each chunk as the sync import would.

Two queues feed it (template.yaml): the uploads queue carries the bucket's notification of a new
upload and the start route's `split` messages; the chunk queue one message per chunk. Splitting is
safe to repeat (the plan is recorded once; chunks sent twice are recorded once), and so is a
chunk: its done marker is written in the transaction that adds its counts, and the rows' writes
are the sync import's, conditional on what they read, so nothing is re-subscribed and a row
applied already changes nothing the second time. A chunk that keeps failing fails its import (on
its last delivery) rather than leave it running for ever. See docs/imports.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from optout.errors import InvalidInput
from optout.models import Principal, utc_now
from optout.observability import MetricUnit, logger, metrics
from optout.repository import import_files
from optout.repository import imports as store
from optout.repository.imports import COUNTS, ImportJob
from optout.rules.import_chunks import ChunkRange, SplitError, is_complete, physical_lines, plan_chunks
from optout.services import importer

MAX_RECEIVES = 5  # the queues' maxReceiveCount (template.yaml): change them together
_NOT_UTF8 = "not UTF-8 text; save the file as UTF-8"
_ID = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")


class SplitMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: Literal["split"]
    workspace_id: str = _ID
    import_id: str = _ID


class ChunkMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: Literal["chunk"]
    workspace_id: str = _ID
    import_id: str = _ID
    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    first_line: int = Field(ge=2)


# --- splitting ----------------------------------------------------------------------------------


def _columns(header: bytes) -> list[str]:
    try:
        text = header.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SplitError("the header row is not UTF-8 text; save the file as UTF-8") from None
    try:
        return importer.columns_of(next(csv.reader([text]), [])).names
    except InvalidInput as exc:
        raise SplitError(exc.message) from None
    except csv.Error as exc:
        raise SplitError(f"the CSV header cannot be read: {exc}") from None


def begin(workspace_id: str, import_id: str) -> int:
    """Start an import (unless it has started) and queue its chunks; returns the chunks queued."""
    job = store.get_import(workspace_id, import_id)
    if job is not None and job.status == "waiting_for_upload":
        store.claim_import(workspace_id, import_id, utc_now())
        job = store.get_import(workspace_id, import_id)
    if job is None or job.status != "running" or job.queued:
        return 0  # unknown, finished, or split and queued by an earlier delivery
    etag, blocks = import_files.open_object(job.upload_key)
    try:
        plan = plan_chunks(physical_lines(blocks))
        columns = _columns(plan.header)
    except SplitError as exc:
        _fail(job, "invalid_file", str(exc))
        return 0
    store.set_plan(
        workspace_id, import_id, columns=columns, rows_total=plan.rows_total, chunks_total=len(plan.chunks), etag=etag
    )
    job = store.get_import(workspace_id, import_id) or job  # the plan recorded (ours or an earlier one)
    bodies = [_chunk_body(job, chunk) for chunk in plan.chunks]
    import_files.send_messages(import_files.chunk_queue_url(), bodies)
    store.mark_queued(workspace_id, import_id)
    logger.info(
        "import split",
        extra={"workspace_id": workspace_id, "import_id": import_id, "rows": plan.rows_total, "chunks": len(bodies)},
    )
    if not plan.chunks:
        finish_if_complete(workspace_id, import_id)
    return len(bodies)


def _chunk_body(job: ImportJob, chunk: ChunkRange) -> str:
    message = ChunkMessage(
        kind="chunk", workspace_id=job.workspace_id, import_id=job.id, index=chunk.index,
        start=chunk.start, end=chunk.end, first_line=chunk.first_line,
    )
    return message.model_dump_json()


def _fail(job: ImportJob, code: str, message: str) -> None:
    store.fail_import(job.workspace_id, job.id, code, message, utc_now())
    logger.info("import failed", extra={"workspace_id": job.workspace_id, "import_id": job.id, "code": code})
    metrics.add_metric(name="ImportsFailed", unit=MetricUnit.Count, value=1)


# --- one chunk --------------------------------------------------------------------------------


def _utf8_only(records: Iterable[tuple[int, list[str]]], report: importer.ImportReport) -> Iterator[tuple[int, list[str]]]:
    """Records whose bytes were UTF-8; any other is a rejected row (it may not stop the rest)."""
    for line, values in records:
        try:
            "".join(values).encode("utf-8")
        except UnicodeEncodeError:  # a byte that was not UTF-8 decoded to a lone surrogate
            report.rows += 1
            report.reject(line, _NOT_UTF8)
            continue
        yield line, values


def chunk_rows(job: ImportJob, data: bytes, first_line: int, report: importer.ImportReport) -> list[importer.ImportRow]:
    """A chunk's rows, parsed and checked with the sync import's rules (header read once, on split)."""
    try:
        text, checked = data.decode("utf-8"), False
    except UnicodeDecodeError:
        text, checked = data.decode("utf-8", "surrogateescape"), True
    columns = importer.columns_of(job.header_columns or [])
    records = importer.records_with_lines(csv.reader(io.StringIO(text)), report, first_line=first_line)
    if checked:
        records = _utf8_only(records, report)
    return importer.parse_records(records, columns, job.region, report, max_rows=None)


def rejections_csv(rejections: Iterable[dict[str, Any]]) -> bytes:
    """Rejected rows, one per line (line, reason, phone as sent), without the header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for entry in rejections:
        writer.writerow([entry["line"], entry["reason"], entry.get("phone") or ""])
    return out.getvalue().encode("utf-8")


def run_chunk(message: ChunkMessage) -> bool:
    """Apply one chunk and record it; False when it was recorded already or its import stopped."""
    job = store.get_import(message.workspace_id, message.import_id)
    if job is None or job.status != "running":
        return False
    if store.chunk_recorded(job.workspace_id, job.id, message.index):  # a re-delivery: applied already
        finish_if_complete(job.workspace_id, job.id)
        return False
    report = importer.ImportReport()
    try:
        data = import_files.read_range(job.upload_key, message.start, message.end, etag=job.etag)
    except import_files.ObjectChanged:
        _fail(job, "invalid_file", "the file was uploaded again while it was imported; start a new import")
        return False
    rows = chunk_rows(job, data, message.first_line, report)
    principal = Principal(
        workspace_id=job.workspace_id, key_id=job.created_by.id or "", key_name=job.created_by.name or "", role=job.role
    )
    importer.apply_rows(principal, rows, report)
    if report.rejections:
        key = import_files.rejections_key(job.workspace_id, job.id, message.index)
        import_files.put_object(key, rejections_csv(report.rejections))
    counts = {"rows_done": report.rows, **{name: getattr(report, name) for name in COUNTS}}
    recorded = store.record_chunk(job.workspace_id, job.id, message.index, counts, utc_now())
    finish_if_complete(job.workspace_id, job.id)
    metrics.add_metric(name="ImportChunkRows", unit=MetricUnit.Count, value=report.rows if recorded else 0)
    return recorded


def finish_if_complete(workspace_id: str, import_id: str) -> bool:
    """Once every chunk is recorded: join the rejected rows into one file and mark the job done."""
    job = store.get_import(workspace_id, import_id)
    if job is None or job.status != "running" or not is_complete(job.chunks_done, job.chunks_total):
        return False
    rejected_key = None
    if job.rejected:
        rejected_key = import_files.rejections_key(workspace_id, import_id)
        parts = sorted(k for k in import_files.list_keys(rejected_key.rpartition("/")[0] + "/") if k != rejected_key)
        body = b"line,reason,phone\n" + b"".join(import_files.read_object(k) for k in parts)
        import_files.put_object(rejected_key, body)
    done = store.finish_import(workspace_id, import_id, utc_now(), rejected_key)
    if done:
        logger.info("import done", extra={"workspace_id": workspace_id, "import_id": import_id, "rows": job.rows_done})
    return done


# --- the queues -----------------------------------------------------------------------------------


def _parse(body: str) -> list[SplitMessage | ChunkMessage]:
    """What one SQS message asks: a chunk, a split, or (an S3 notification) splits of new uploads."""
    document = json.loads(body)
    if isinstance(document, dict) and isinstance(document.get("Records"), list):
        found: list[SplitMessage | ChunkMessage] = []
        for entry in document["Records"]:
            # S3 sends the key URL-encoded (a space as "+").
            key = unquote_plus(str(((entry.get("s3") or {}).get("object") or {}).get("key", "")))
            names = import_files.parse_upload_key(key)
            if names:
                found.append(SplitMessage(kind="split", workspace_id=names[0], import_id=names[1]))
        return found
    if isinstance(document, dict) and document.get("kind") == "chunk":
        return [ChunkMessage.model_validate(document)]
    if isinstance(document, dict) and document.get("Event") == "s3:TestEvent":
        return []  # S3 sends it once when the notification is configured
    return [SplitMessage.model_validate(document)]


def _on_record(record: SQSRecord) -> None:
    try:
        messages = _parse(record.body)
    except (ValueError, ValidationError):  # it would fail the same way on every delivery: drop it
        logger.error("malformed import message dropped", extra={"message_id": record.message_id})
        return
    for message in messages:
        try:
            if isinstance(message, ChunkMessage):
                run_chunk(message)
            else:
                begin(message.workspace_id, message.import_id)
        except Exception:
            if int(record.attributes.approximate_receive_count or 1) < MAX_RECEIVES:
                logger.exception("import message failed; it will be retried", extra={"message_id": record.message_id})
                raise
            logger.exception("import message failed on its last delivery", extra={"message_id": record.message_id})
            job = store.get_import(message.workspace_id, message.import_id)
            if job is not None:
                _fail(job, "job_failed", "a part of the import failed repeatedly; start a new import of the file")


def process_batch(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    """An SQS batch of either queue; the partial batch response retries only the failed messages."""
    processor = BatchProcessor(event_type=EventType.SQS)
    return dict(process_partial_response(event=event, record_handler=_on_record, processor=processor, context=context))
