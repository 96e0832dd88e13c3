"""MkDocs hook: keeps each language's build state for the preview server (hooks/page_preview.py).

It runs last in each event, after every other plugin and hook has changed the nav and the environment,
and holds references only: a build writes nothing more and takes no longer for it.
"""

from __future__ import annotations

import jinja2
import page_preview
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation


def _nested(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    return bool(i18n and i18n.building)


def on_pre_build(config: MkDocsConfig) -> None:
    if not _nested(config):
        page_preview.build_started()


@event_priority(-200)  # after mkdocs-static-i18n's nav (-100)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    page_preview.note_nav(config, nav)


@event_priority(-200)
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
    page_preview.note_env(config, files, env)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every other language
def on_post_build(config: MkDocsConfig) -> None:
    if not _nested(config):
        page_preview.build_finished()
