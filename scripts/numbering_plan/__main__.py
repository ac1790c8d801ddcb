"""``python -m scripts.numbering_plan`` (from the repository root) or
``python scripts/numbering_plan``: regenerate the numbering plan data file."""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:
    # Run as a directory: sys.path[0] is this package's folder, whose module
    # names (regex, build, ...) must not shadow anything; use the repo root.
    sys.path[0] = str(Path(__file__).resolve().parents[2])

from scripts.numbering_plan.build import main

if __name__ == "__main__":
    sys.exit(main())
