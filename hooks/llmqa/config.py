"""The pipeline's settings (hooks/pipeline.py gives them; each has a default that the site uses)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PipelineConfig(base.Config):
    # The glossary, from the project root.
    glossary = c.Type(str, default="data/glossary.tsv")
    # A page that takes longer to render stops the build: a last guard behind the input limits.
    render_seconds = c.Type(float, default=10.0)
    # The same for the passes over every page before anything is rendered (the check, the glossary).
    sources_seconds = c.Type(float, default=60.0)
