"""A new section's two files from the template: `make new-section SLUG=<slug> [TOPIC=<topic>]`.

The functions are in hooks/llmqa/check/new_section.py; it needs PyYAML only.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from llmqa.check.new_section import main

if __name__ == "__main__":
    sys.exit(main())
