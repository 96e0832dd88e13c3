"""What the site relies on in Material for MkDocs, checked against the installed Material:
`python hooks/check_material.py` (`make material-check`); `--update` records the digests of the
templates overrides/ copies once the overrides are reviewed (`make material-digests`).

The check itself is hooks/llmqa/theme/material_check.py; what it checks, material_internals.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from llmqa.theme.material_check import main

if __name__ == "__main__":
    sys.exit(main())
