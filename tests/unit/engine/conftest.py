"""Make the core layer importable when PYTHONPATH does not already name it."""

from __future__ import annotations

import sys
from pathlib import Path

LAYER = Path(__file__).resolve().parents[3] / "layers" / "core"
if str(LAYER) not in sys.path:
    sys.path.insert(0, str(LAYER))
