"""The section check alone, without building the site: `python hooks/check_sections.py --help`.

What pre-commit, `make check` and the pull-request workflow run; the check itself is
hooks/llmqa/check/cli.py. It needs PyYAML and selectolax only (the pre-commit hook's additional_dependencies).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from llmqa.check.cli import *  # noqa: F403 - the check's functions, for tests that import this file
from llmqa.check.cli import main

if __name__ == "__main__":
    sys.exit(main())
