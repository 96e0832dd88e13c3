"""With --strict, warnings fail the build even when --quiet hides the rest.

`mkdocs build --strict -q` counts warnings with a handler on the `mkdocs` logger, but `-q` raises that
logger to ERROR, so no warning is ever logged and a broken link or anchor passes. The pipeline's first
step puts the logger back to WARNING in strict builds: warnings are shown (they are why the build stops)
and counted; information stays hidden.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig


def count_warnings_when_quiet(config: MkDocsConfig) -> None:
    logger = logging.getLogger("mkdocs")
    if config.strict and logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
