"""Nothing in the deployed code reads DynamoDB with Scan (integration tests also refuse it at run time)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_scan_in_deployed_code():
    offenders = []
    for path in [*ROOT.glob("layers/core/optout/**/*.py"), *ROOT.glob("functions/**/*.py")]:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\.scan\(|[\"']Scan[\"']|scan_paginator|get_paginator\([\"']scan", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
