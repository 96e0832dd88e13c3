"""MkDocs hook: the theme's templates compiled once per process, not once per language and rebuild.

Each language's build and each rebuild of `mkdocs serve` makes a new Jinja environment and compiles
Material's and the site's templates again (113 templates, about a third of a rebuild). Jinja stores
each compiled template under its name with the checksum of its source, so an edited template is
compiled again.
"""

from __future__ import annotations

import jinja2
from build_cache import TemplateBytecode
from mkdocs.config.defaults import MkDocsConfig


def on_env(env: jinja2.Environment, config: MkDocsConfig, files) -> jinja2.Environment:
    env.bytecode_cache = TemplateBytecode()
    return env
