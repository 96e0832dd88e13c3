"""MkDocs hook: when each page last changed, from git, on the page and in the sitemaps.

One git command per build lists the last commit date of every file in docs/ (git_history.py). A page
shows it under its content in its own language (overrides/partials/last-changed.html), and the
sitemaps carry it as <lastmod> instead of the build date. Without the whole history (a shallow clone,
no git) pages show no date and the sitemaps keep the build date.
"""

from __future__ import annotations

from pathlib import Path

from git_history import last_changed
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger("last_changed")

_dates: dict[str, str] = {}  # source file from the project root (docs/zh/overfitting.md) -> YYYY-MM-DD


def on_pre_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # the outer build read the dates of every language
    root = Path(config.config_file_path).resolve().parent
    _dates.clear()
    _dates.update(last_changed(root, Path(config.docs_dir).resolve().relative_to(root).as_posix()))
    if not _dates:
        log.info("no git history here (a shallow clone?): pages show no last-changed date")


def _date(page: Page, config: MkDocsConfig) -> str | None:
    if not page.file.abs_src_path:
        return None  # a page a hook generated: it has no file of its own
    root = Path(config.config_file_path).resolve().parent
    return _dates.get(Path(page.file.abs_src_path).resolve().relative_to(root).as_posix())


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    date = _date(page, config)
    if date:
        page.update_date = date  # the sitemaps' <lastmod>
    return markdown


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    context["last_changed"] = _date(page, config)
    return context
