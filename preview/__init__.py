"""The preview server behind `make serve`: `mkdocs serve` that shows an edited page first."""

import sys
from pathlib import Path

# The site's plain-Python package (hooks/llmqa): the section model, the PDF link's place, the preview.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
