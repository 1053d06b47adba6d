"""The tree as it was before the engine issue (#9), exported from git, to measure beside today's.

The issue asks for the engine's throughput "beside today's figure" and for the inbound handler's
cold import to grow by at most 10%. Both need the engine of that day in the same run, on the same
machine: a figure recorded elsewhere says little about this one. BASE_COMMIT is main just before
the issue's first commit; `git archive` exports its layer and inbound handler into a temporary
folder. Without the history (a source archive, a shallow clone) `exported()` yields None and the
callers print the recorded figure instead.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import ROOT

BASE_COMMIT = "3286f38a877631e8ecffddd2f2429ef62f859315"
PATHS = ("layers/core/optout", "functions/inbound_sms")


@contextmanager
def exported() -> Iterator[Path | None]:
    """A folder holding BASE_COMMIT's layer and inbound handler (as in the repository), or None."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", BASE_COMMIT, *PATHS],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        archive = None
    if archive is None or archive.returncode:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="optout-before-engine-issue-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        yield Path(folder)
