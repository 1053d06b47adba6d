"""What the smoke tests share: the `sam build` output and a python3.12 (Lambda's runtime) to run it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def build_dir() -> Path:
    build = ROOT / ".aws-sam" / "build"
    if not (build / "template.yaml").exists():
        pytest.skip("no SAM build output: run `make sam-build` first")
    return build


@pytest.fixture(scope="session")
def python312() -> str:
    exe = shutil.which("python3.12")
    if exe is None:
        pytest.skip("python3.12 is not on PATH (with pyenv, set PYENV_VERSION=3.12.1)")
    return exe


@pytest.fixture(scope="session")
def lambda_environment() -> dict[str, str]:
    """What every built function's interpreter gets besides its own environment from the template."""
    return {
        "PATH": os.environ["PATH"],
        "PYENV_VERSION": os.environ.get("PYENV_VERSION", "3.12.1"),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "POWERTOOLS_METRICS_NAMESPACE": "OptOut",
    }
