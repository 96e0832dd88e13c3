"""When each page last changed, from git, on the page and in the sitemaps.

One git command per build lists the last commit date of every file in docs/ (translation/history.py).
A page shows it under its content in its own language (overrides/partials/last-changed.html), and the
sitemaps carry it as <lastmod> instead of the build date. Without the whole history (a shallow clone,
no git) pages show no date and the sitemaps keep the build date.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.pages import Page

from llmqa.translation.history import last_changed


def read_dates(root: Path, docs_dir: Path) -> dict[str, str]:
    """Source file from the project root (docs/zh/overfitting.md) -> YYYY-MM-DD of its last commit."""
    return last_changed(root, docs_dir.resolve().relative_to(root).as_posix())


def page_date(dates: dict[str, str], page: Page, root: Path) -> str | None:
    if not page.file.abs_src_path:
        return None  # a page the pipeline generated: it has no file of its own
    return dates.get(Path(page.file.abs_src_path).resolve().relative_to(root).as_posix())
