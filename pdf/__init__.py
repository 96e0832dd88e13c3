"""The PDF of each language (`make pdf`): every section of the built site in one book, with WeasyPrint."""

import sys
from pathlib import Path

# The site's plain-Python package (hooks/llmqa): the section model, the PDF link's place, the preview.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
