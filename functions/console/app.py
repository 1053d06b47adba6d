"""The admin console: the static files of a small single-page app, served by the API itself.

Same origin as the API, so the page calls it with no CORS. Standard library only: this function
imports nothing from the core layer, and no other function imports anything of the console, so it
adds nothing to anyone's cold start.

`GET /console/` and any path under it that names no file (the page routes with `#/...`) answer
`index.html`; a path that names a file (it has an extension) answers that file or 404. Only files
inside `static/` are ever read: `..`, `.`, empty segments, backslashes and NUL are refused before
the file system is touched, and the resolved path must still lie inside `static/`.

Every answer carries a strict Content-Security-Policy (no inline script or style, nothing from
another origin but the one the import page uploads its file to: the imports bucket's S3 endpoint)
and the other security headers. `index.html` names its assets from the console's
own URL (`{{base}}`): `/{stage}/console/` on the execute-api host, `/console/` elsewhere (a custom
domain mapped at its root, the local stack).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

STATIC = (Path(__file__).resolve().parent / "static").resolve()
INDEX = "index.html"
BASE_PLACEHOLDER = "{{base}}"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'{upload}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Served extensions and their types; anything else is not served.
TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}
# Standard library logging: Lambda sends it to CloudWatch, and the layer's logger is not loaded here.
log = logging.getLogger("optout.console")
BINARY_TYPES = {".png": "image/png", ".ico": "image/x-icon", ".woff2": "font/woff2"}


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def upload_origins() -> list[str]:
    """Where the import page may send a file: the S3 endpoint the imports API pre-signs its
    uploads for. boto3 sends S3 to AWS_ENDPOINT_URL(_S3) when set (the local stack's moto);
    in AWS a pre-signed POST names the bucket's host, global or regional."""
    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        origin = _origin(endpoint)
        return [origin] if origin else []
    bucket = os.environ.get("IMPORTS_BUCKET", "")
    region = os.environ.get("AWS_REGION", "")
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", bucket):
        return []  # no bucket, or a name no host can carry: nothing beyond 'self'
    hosts = [f"https://{bucket}.s3.amazonaws.com"]
    if re.fullmatch(r"[a-z0-9-]+", region):
        hosts.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return hosts


def content_security_policy() -> str:
    return CSP.format(upload="".join(f" {origin}" for origin in upload_origins()))


def _response(status: int, content_type: str, body: str, **extra: str) -> dict[str, Any]:
    headers = {
        "Content-Security-Policy": content_security_policy(), **SECURITY_HEADERS, "Content-Type": content_type, **extra,
    }
    return {"statusCode": status, "headers": headers, "body": body, "isBase64Encoded": False}


def _error(status: int, code: str, message: str, **extra: str) -> dict[str, Any]:
    log.warning("console request refused: %s %s", status, code)
    body = json.dumps({"error": {"code": code, "message": message, "details": None}})
    return _response(status, "application/json", body, **{"Cache-Control": "no-store", **extra})


def safe_relative(proxy: str) -> PurePosixPath | None:
    """The request's path under the console as a relative path, or None if it could escape."""
    if not proxy:
        return PurePosixPath()
    if "\\" in proxy or "\x00" in proxy or proxy.startswith("/"):
        return None
    parts = proxy.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    return PurePosixPath(*parts)


def _inside_static(relative: PurePosixPath) -> Path | None:
    """The file under static/ (resolved, symlinks included), or None if it is not a file there."""
    candidate = (STATIC / relative).resolve()
    if not candidate.is_relative_to(STATIC) or not candidate.is_file():
        return None
    return candidate


@cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


def console_base(event: dict[str, Any]) -> str:
    """The console's URL path as the browser sees it (API Gateway's default host has the stage)."""
    context = event.get("requestContext") or {}
    domain = str(context.get("domainName") or "")
    stage = str(context.get("stage") or "")
    if ".execute-api." in domain and stage:
        return f"/{stage}/console/"
    return "/console/"


def _index(event: dict[str, Any]) -> dict[str, Any]:
    html = _read(STATIC / INDEX).decode("utf-8").replace(BASE_PLACEHOLDER, console_base(event))
    return _response(200, TEXT_TYPES[".html"], html, **{"Cache-Control": "no-store"})


def _asset(path: Path) -> dict[str, Any]:
    suffix = path.suffix.lower()
    data = _read(path)
    headers = {"Cache-Control": "no-cache"}
    if suffix in TEXT_TYPES:
        return _response(200, TEXT_TYPES[suffix], data.decode("utf-8"), **headers)
    response = _response(200, BINARY_TYPES[suffix], base64.b64encode(data).decode("ascii"), **headers)
    response["isBase64Encoded"] = True
    return response


def serve(event: dict[str, Any]) -> dict[str, Any]:
    method = str(event.get("httpMethod") or "GET").upper()
    if method not in ("GET", "HEAD"):
        return _error(405, "method_not_allowed", f"{method} is not allowed on the console", Allow="GET, HEAD")
    proxy = str((event.get("pathParameters") or {}).get("proxy") or "")
    relative = safe_relative(proxy)
    if relative is None:
        return _error(404, "not_found", "no such file in the console")
    suffix = relative.suffix.lower()
    if not suffix:  # a page route, not a file: the single page answers it
        return _index(event)
    path = _inside_static(relative) if suffix in TEXT_TYPES or suffix in BINARY_TYPES else None
    if path is None:
        return _error(404, "not_found", "no such file in the console")
    if path.name == INDEX:
        return _index(event)
    return _asset(path)


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return serve(event)
