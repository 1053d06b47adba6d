"""Import jobs' files (ImportsBucket) and messages (the uploads and chunk queues).

Objects: `uploads/{workspace}/{import}.csv` (what the caller uploads with the pre-signed POST; the
bucket's notification queues each new one), `rejections/{workspace}/{import}/{chunk:05d}.csv` (one
chunk's rejected rows, rewritten whole if the chunk runs again) and
`rejections/{workspace}/{import}/rejected.csv` (all of them, joined when the last chunk is done).
Errors: S3's and SQS's throttling and dropped connections are StorageError (retried, 503); any
other refusal is a StorageFault (a bug or a misconfiguration).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from optout.config import settings
from optout.errors import StorageError
from optout.repository import queues

READ_BLOCK = 1024 * 1024
_TRANSIENT = frozenset({"SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout", "ThrottlingException"})


@cache
def s3_client() -> Any:
    # SigV4 for pre-signed POSTs and GETs in every region.
    return boto3.client("s3", config=Config(signature_version="s3v4", retries={"mode": "standard"}))


@cache
def sqs_client() -> Any:
    return boto3.client("sqs")


def bucket() -> str:
    return settings().require("imports_bucket")


def upload_key(workspace_id: str, import_id: str) -> str:
    return f"uploads/{workspace_id}/{import_id}.csv"


def parse_upload_key(key: str) -> tuple[str, str] | None:
    """(workspace, import) of an upload's key, or None for any other key."""
    parts = key.split("/")
    if len(parts) != 3 or parts[0] != "uploads" or not parts[2].endswith(".csv"):
        return None
    return parts[1], parts[2][: -len(".csv")]


def rejections_key(workspace_id: str, import_id: str, chunk: int | None = None) -> str:
    name = "rejected.csv" if chunk is None else f"{chunk:05d}.csv"
    return f"rejections/{workspace_id}/{import_id}/{name}"


def _call(client: Any, operation: str, **kwargs: Any) -> Any:
    return queues.call_aws(client, operation, "file storage", _TRANSIENT, **kwargs)


def upload_form(key: str, *, max_bytes: int, expires_in: int) -> tuple[str, dict[str, str]]:
    """A pre-signed POST for this one key, of 1 to `max_bytes` bytes: its URL and form fields."""
    form = _call(
        s3_client(),
        "generate_presigned_post",
        Bucket=bucket(),
        Key=key,
        Conditions=[["content-length-range", 1, max_bytes]],
        ExpiresIn=expires_in,
    )
    return str(form["url"]), {str(k): str(v) for k, v in form["fields"].items()}


def object_size(key: str) -> int | None:
    """The object's size, or None if there is none under `key`."""
    try:
        head = s3_client().head_object(Bucket=bucket(), Key=key)
    except ClientError as exc:
        if str(exc.response.get("Error", {}).get("Code")) in ("404", "NoSuchKey", "NotFound"):
            return None
        return _call(s3_client(), "head_object", Bucket=bucket(), Key=key)  # classify it
    except BotoCoreError as exc:
        raise StorageError("file storage is unavailable; retry shortly") from exc
    return int(head["ContentLength"])


class ObjectChanged(Exception):
    """The object is no longer the version a job planned its reads on (it was uploaded again)."""


def open_object(key: str) -> tuple[str, Iterator[bytes]]:
    """The object's ETag (its version) and its bytes, streamed in blocks of about 1 MB."""
    response = _call(s3_client(), "get_object", Bucket=bucket(), Key=key)
    body = response["Body"]

    def blocks() -> Iterator[bytes]:
        try:
            yield from body.iter_chunks(READ_BLOCK)
        finally:
            body.close()

    return str(response.get("ETag", "")), blocks()


def read_range(key: str, start: int, end: int, *, etag: str | None = None) -> bytes:
    """Bytes [start, end) of the object (one ranged GetObject), of the version `etag` if given:
    ObjectChanged if the object was replaced since."""
    if end <= start:
        return b""
    kwargs: dict[str, Any] = {"Bucket": bucket(), "Key": key, "Range": f"bytes={start}-{end - 1}"}
    if etag:
        kwargs["IfMatch"] = etag
    try:
        response = s3_client().get_object(**kwargs)
    except ClientError as exc:
        if str(exc.response.get("Error", {}).get("Code")) in ("PreconditionFailed", "412"):
            raise ObjectChanged(key) from None
        response = _call(s3_client(), "get_object", **kwargs)  # retried once, then classified
    except BotoCoreError as exc:
        raise StorageError("file storage is unavailable; retry shortly") from exc
    return bytes(response["Body"].read())


def read_object(key: str) -> bytes:
    return bytes(_call(s3_client(), "get_object", Bucket=bucket(), Key=key)["Body"].read())


def list_keys(prefix: str) -> list[str]:
    """Every key under `prefix` (ListObjectsV2, 1,000 a page)."""
    found: list[str] = []
    kwargs: dict[str, Any] = {"Bucket": bucket(), "Prefix": prefix}
    while True:
        page = _call(s3_client(), "list_objects_v2", **kwargs)
        found.extend(str(item["Key"]) for item in page.get("Contents", []))
        if not page.get("IsTruncated"):
            return found
        kwargs["ContinuationToken"] = page["NextContinuationToken"]


def put_object(key: str, body: bytes, content_type: str = "text/csv; charset=utf-8") -> None:
    _call(s3_client(), "put_object", Bucket=bucket(), Key=key, Body=body, ContentType=content_type)


def download_url(key: str, filename: str, *, expires_in: int) -> str:
    """A pre-signed GET of the object, saved by a browser as `filename`."""
    params = {"Bucket": bucket(), "Key": key, "ResponseContentDisposition": f'attachment; filename="{filename}"'}
    return str(_call(s3_client(), "generate_presigned_url", ClientMethod="get_object", Params=params, ExpiresIn=expires_in))


def send_messages(queue_url: str, bodies: Sequence[str]) -> None:
    """Queue every body (repository.queues: 10 per batch, refused entries sent again)."""
    queues.send_bodies(queue_url, bodies, what="import", client=sqs_client())


def uploads_queue_url() -> str:
    return settings().require("import_uploads_queue_url")


def chunk_queue_url() -> str:
    return settings().require("import_chunk_queue_url")
