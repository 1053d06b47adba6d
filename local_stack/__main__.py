"""`python -m local_stack`: serve template.yaml's API locally; see local_stack/bootstrap.py."""

from __future__ import annotations

import sys

from local_stack.bootstrap import main

if __name__ == "__main__":
    sys.exit(main())
