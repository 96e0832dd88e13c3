"""Resolve a section's `related: [slug, ...]` front matter into pages of its language.

The slugs name other section pages (their file names without .md). The pipeline looks each one up
among the pages of the language being built and hands them to overrides/partials/related-sections.html
as `related_sections`; the partial renders the list. A slug that names no page of that language is a
build warning naming the file (fatal under --strict).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger("related_sections")


def page_slug(page: Page) -> str:
    return PurePosixPath(page.file.src_uri).stem


def sections_by_slug(pages: list[Page]) -> dict[str, Page]:
    return {page_slug(other): other for other in pages if isinstance(other.meta.get("id"), int)}


def resolve(
    slugs: object, page: Page, pages: list[Page], by_slug: dict[str, Page] | None = None
) -> list[Page]:
    """The pages the slugs name, in the order given; warns about each slug that names none."""
    if slugs is None:
        return []
    where = f"docs/{page.file.src_uri}"
    if not isinstance(slugs, list) or not all(isinstance(slug, str) for slug in slugs):
        log.warning(f"{where}: 'related' should be a list of section slugs, e.g. related: [overfitting]")
        return []
    by_slug = sections_by_slug(pages) if by_slug is None else by_slug
    found: list[Page] = []
    for slug in slugs:
        target = by_slug.get(slug)
        if target is None:
            log.warning(f"{where}: related section '{slug}' is not a page of this language")
        elif target is page:
            log.warning(f"{where}: related section '{slug}' is the page itself")
        elif target not in found:
            found.append(target)
    return found


def in_section_order(page: Page, by_number: dict[int, Page]) -> None:
    """A section's previous and next pages are the sections before and after it by number (the nav
    groups sections by topic, so its order would make §8 come before §3); the first and the last keep
    the nav's."""
    number = page.meta.get("id")
    if not isinstance(number, int) or by_number.get(number) is not page:
        return
    page.previous_page = by_number.get(number - 1, page.previous_page)
    page.next_page = by_number.get(number + 1, page.next_page)
